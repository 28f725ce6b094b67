# I testi della pagina di tracciamento, in italiano.
# wismo riempie i segnaposto tra { $graffe }; lasciali come sono.
# I messaggi `date-*` sono modelli di data (strftime): %A giorno della settimana, %a giorno abbreviato,
# %-d giorno, %B mese, %b mese abbreviato, %H:%M ora. Ordinali come la tua lingua scrive le date.
# Registro: tu.

page-title = Ordine { $number } · { $store }
greeting-named = { $name }, ecco il tuo ordine { $number }
greeting = Il tuo ordine { $number }
parcel-count = Questo ordine è diviso in { $count } pacchi.
parcel-heading = Pacco { $index } di { $count }

heading-happened = Cosa è successo
heading-next = Cosa succede adesso
heading-todo = Cosa devi fare

progress = Avanzamento
step-ordered = Ordinato
step-shipped = Spedito
step-in_transit = In viaggio
step-out_for_delivery = In consegna
step-delivered = Consegnato
step-current = (fase attuale)

estimate-heading = Consegna prevista
estimate-window = { $from } – { $until }
estimate-by-carrier = Data indicata da { $carrier }.
estimate-predicted = La nostra stima, basata sulle consegne recenti.
estimate-unknown = Ti mostreremo una data di consegna appena potremo stimarla.
delivered-on = Consegnato { $date }

# L'intestazione di un pacco: stato e data in una frase.
hero-arriving = Arriva { $date }
hero-arriving-window = Arriva tra { $from } e { $until }
hero-arriving-by = Arriva entro { $date }
hero-out-for-delivery = In consegna oggi
hero-unknown = In viaggio
hero-was-due = Era previsto per { $date }
estimate-stale = È in ritardo. Mostreremo la nuova data appena il corriere la comunica.
hero-delivered = Consegnato { $date }
hero-carrier-note = Nota del corriere: { $note }
hero-pickup = Pronto per il ritiro
hero-pickup-since = Pronto per il ritiro da { $date }
hero-pickup-at = Presso { $place }
hero-pickup-until = Pronto per il ritiro fino a { $date }
hero-next-attempt = Il corriere riproverà { $date }.
fact-pickup = Punto di ritiro
fact-hours = Orari di apertura
fact-amount-due = Importo da pagare
fact-left-at = Lasciato
fact-signed-by = Firmato da
do-pay-amount = Paga { $amount } sul sito di { $carrier }
rating-question = Com'è andata la consegna?
rating-scale = 1 è pessima, 5 è eccellente
rating-score = { $score } su 5
rating-given = Hai valutato questa consegna { $score } su 5. Tocca un altro numero per cambiarlo.
rating-too-many = Hai già valutato più volte. Attendi un po' prima di valutare di nuovo.
returns-heading = Resi
returns-start = Avvia un reso
hero-returned = In viaggio di ritorno verso { $store }
hero-cancelled = Annullato
hero-expired = Nessuna notizia dal corriere da molto tempo
hero-preparing = Stiamo preparando il tuo ordine
hero-exception = Consegna sospesa
hero-action_required = Il corriere ha bisogno di te
hero-delayed = In ritardo
hero-delayed-until = In ritardo: ora previsto entro { $date }
hero-first-due = Inizialmente era previsto per { $date }.
do-pay-duties = Paga i costi di importazione sul sito di { $carrier }
do-rearrange = Riprogramma la consegna sul sito di { $carrier }
do-redeliver = Chiedi una nuova consegna
do-address = Correggi l'indirizzo
do-map = Vedi il punto di ritiro su una mappa
do-not-received = Risulta consegnato, ma non l'ho ricevuto
date-delivered = %A %-d %B, %H:%M
step-problem = (problema in questa fase)
step-returning = Reso
step-ready_for_pickup = Da ritirare
step-collected = Ritirato
updates-show-all = Mostra tutti i { $count } aggiornamenti
updates-zone = Orari di { $zone } ({ $abbreviation }).
scan-label_created = Etichetta di spedizione creata
scan-picked_up = Ritirato dal corriere
scan-arrived = Arrivato in un centro del corriere
scan-departed = Partito da un centro del corriere
scan-processed = Smistato in un centro del corriere
scan-customs = Sdoganamento
scan-in_transit = In viaggio
scan-out_for_delivery = In consegna
scan-attempted = Tentativo di consegna
scan-at_pickup_point = Pronto per il ritiro
scan-delivered = Consegnato
scan-returning = In ritorno al mittente
scan-delayed = In ritardo
scan-problem = È stato segnalato un problema

banner-delayed = Il tuo pacco è in ritardo
banner-action_required = Il corriere ha bisogno di qualcosa da te
banner-exception = C'è un problema con questa consegna
reason-past_estimate = Non è arrivato entro la data prevista.
reason-no_scans = Il corriere non condivide aggiornamenti da qualche giorno.
reason-weather = Il maltempo sta rallentando le consegne.
reason-carrier_delay = Il corriere è in ritardo con le consegne.
reason-failed_attempt = Il corriere ha provato a consegnare, ma non c'era nessuno a ricevere il pacco.
reason-address_problem = Il corriere ha un problema con l'indirizzo di consegna.
reason-customs_payment = Prima della consegna bisogna pagare le spese doganali.
reason-customs_hold = Il pacco è fermo in dogana.
reason-cash_on_delivery = Il pagamento va fatto alla consegna.
reason-damaged = Il pacco è stato danneggiato durante il viaggio.
reason-held = Il pacco è fermo presso il corriere.
reason-refused = La consegna è stata rifiutata.
reason-lost = Il corriere non riesce a trovare il pacco.

updates = Aggiornamenti
no-scans = Ancora nessun aggiornamento. Questa pagina si aggiorna appena il corriere condivide novità.
step-preparing = In preparazione
preparing-late = Il tuo ordine sta richiedendo più tempo del previsto
preparing-rest = Stiamo preparando il resto del tuo ordine
preparing-waiting = Ancora in preparazione
preparing-cancelled = Questo ordine è stato annullato
preparing-ships-by = Dovrebbe lasciare il negozio entro { $date }.
order-cancelled = Ordine annullato
order-cancelled-happened = Il negozio ha annullato questo ordine.
order-cancelled-next = Non verrà spedito altro. Un eventuale rimborso arriva dal negozio.
order-cancelled-todo = Se non te lo aspettavi, contatta il negozio.
carrier-and-number = { $carrier } · Codice di tracciamento
tracking-number = Codice di tracciamento
carrier-site = Vedi sul sito di { $carrier }
items = In questo ordine
quantity = × { $quantity }

support-heading = Hai bisogno di aiuto?
support-email = Scrivi a { $email }
support-phone = Chiama il { $phone }
support-url = Visita la nostra pagina di assistenza
faq-heading = Domande frequenti
footer = Tracciamento a cura di { $store }
skip-to-content = Vai al contenuto

not-found-title = Non troviamo questa pagina
not-found-body = Il link potrebbe essere scritto male o non essere più attivo. Se stai cercando un ordine, usa il link nell'email di spedizione o contatta il negozio da cui hai ordinato.
error-title = Qualcosa è andato storto da parte nostra
error-body = Riprova tra qualche istante.
too-large-title = È più di quanto questa pagina accetti
too-large-body = Ciò che è stato inviato è più grande di quanto questa pagina accetti. Torna indietro, accorcialo e riprova.
bad-request-title = Non siamo riusciti a leggerlo
bad-request-body = Non è stato possibile leggere ciò che è stato inviato. Torna indietro e riprova.

date-event = %a %-d %b, %H:%M
date-day = %A %-d %B
date-day-short = %a %-d %b

lookup-title = Traccia il tuo ordine · { $store }
lookup-heading = Traccia il tuo ordine
lookup-intro = Inserisci il numero d'ordine e l'indirizzo email o il CAP con cui hai effettuato l'ordine.
lookup-order-number = Numero d'ordine
lookup-contact = Email o CAP
lookup-submit = Trova il mio ordine
lookup-not-found = Non abbiamo trovato nessun ordine con questi dati. Controlla il numero d'ordine e usa l'indirizzo email o il CAP che hai indicato al momento dell'ordine.
lookup-too-many = Troppi tentativi. Riprova tra { $wait }.
lookup-number-too-long = Un numero d'ordine ha al massimo { $max } caratteri.
lookup-contact-too-long = Un indirizzo email o un CAP ha al massimo { $max } caratteri.
lookup-refused = Per la tua sicurezza, questo modulo funziona solo da questa pagina. Ricaricala e riprova.
widget-order-hint = Nell’e-mail di conferma dell’ordine, ad es. #1001
widget-busy = Ricerca del tuo ordine…
widget-opening = Trovato. Apertura del tuo ordine…
widget-network = Impossibile raggiungere il servizio di tracciamento. Controlla la connessione e riprova.
widget-failed = Qualcosa è andato storto da parte nostra. Riprova tra un momento.

actions-heading = Ti serve qualcosa?
actions-intro = Segnala a { $store } cosa succede con questa consegna. Riceverai una risposta via email.
action-kind = Di cosa si tratta?
action-parcel = Di quale pacco si tratta?
action-not_received = Non l'ho ricevuto
action-damaged = È arrivato danneggiato
action-wrong_address = L'indirizzo è sbagliato
action-reschedule = Vorrei riceverlo un altro giorno
action-redeliver = Vorrei un nuovo tentativo di consegna
action-confirm_address = Il mio indirizzo è corretto, consegnate pure
action-other = Altro
action-message = Vuoi aggiungere qualcosa? (facoltativo)
action-submit = Invia a { $store }
action-sent = Grazie. { $store } ha ricevuto il tuo messaggio e ti risponderà via email.
action-too-many = Hai già inviato diversi messaggi. Attendi un po' prima di inviarne un altro.
action-too-long = Il tuo messaggio è troppo lungo: può avere al massimo { $max } caratteri.
action-choose-parcel = Scegli di quale pacco si tratta.
action-choose-kind = Scegli di cosa si tratta.
action-kind-unfit = Questa scelta non vale per il pacco scelto. Scegli di nuovo di cosa si tratta.

expired-title = Questo link di tracciamento è scaduto
expired-body = Per la tua privacy, i link di tracciamento smettono di funzionare qualche tempo dopo la consegna. Puoi comunque trovare il tuo ordine con il numero d'ordine e il tuo indirizzo email.
expired-action = Trova il mio ordine

# A link from the store platform's own email, before the order reached wismo.
order-ready-title = Stiamo preparando il tuo ordine
order-ready-body = { $store } ha ricevuto il tuo ordine e lo sta preparando. La sua pagina di tracciamento si aprirà qui tra un momento.
order-ready-later = Questa pagina non si aggiorna da sola: ricontrolla tra un minuto, oppure riapri più tardi il link nella tua email.
order-ready-check = Controlla di nuovo

# The unsubscribe page an update email links to.
unsubscribe-title = Aggiornamenti sui tuoi ordini da { $store }
unsubscribe-ask = Non vuoi più ricevere e-mail sui tuoi ordini da { $store }? La tua pagina di tracciamento continua a funzionare.
unsubscribe-button = Annulla iscrizione
unsubscribe-done = Fatto: non riceverai più e-mail di aggiornamento da { $store }.
resubscribe-ask = Hai cambiato idea? Puoi ricevere di nuovo le e-mail di aggiornamento da { $store }.
resubscribe-button = Ricevi di nuovo le e-mail
resubscribe-done = Fatto: riceverai di nuovo le e-mail di aggiornamento da { $store }.
unsubscribe-channels-ask = Oppure scegli come { $store } ti tiene aggiornato:
unsubscribe-channel-email = Email a { $contact }
unsubscribe-channel-sms = SMS al { $contact }
unsubscribe-channel-whatsapp = Messaggi WhatsApp al { $contact }
unsubscribe-channel-voice = Una chiamata al { $contact } quando devi fare qualcosa
unsubscribe-channels-button = Salva le mie scelte
unsubscribe-channels-done = Salvato: { $store } ti contatterà solo nei modi selezionati.

# Cosa la pagina dice di fare mentre il pacco è in viaggio.
todo-page = Niente per ora. Questa pagina si aggiorna da sola: torna quando vuoi.
todo-email-shipped = Niente per ora. Ti scriveremo un'e-mail quando verrà spedito.
todo-email-out_for_delivery = Niente per ora. Ti scriveremo un'e-mail quando sarà in consegna.

# The promise at checkout on the store's own site (dates in the `date-day-short` pattern).
promise-arrives-on = Ordina oggi, arriva il { $date }
promise-arrives-between = Ordina oggi, arriva tra { $from } e { $until }
