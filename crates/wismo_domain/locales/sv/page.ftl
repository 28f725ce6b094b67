# Spårningssidans egna ord, på svenska.
# Platshållare inom { $klamrar } fylls i av wismo; låt dem vara som de är.
# `date-*`-meddelanden är datummönster (strftime): %A veckodag, %a kort veckodag, %-d dag,
# %B månad, %b kort månad, %H:%M tid. Ordna dem som ditt språk skriver datum.

page-title = Beställning { $number } · { $store }
greeting-named = { $name }, här är din beställning { $number }
greeting = Din beställning { $number }
parcel-count = Den här beställningen skickas i { $count } paket.
parcel-heading = Paket { $index } av { $count }

heading-happened = Vad som har hänt
heading-next = Vad som händer härnäst
heading-todo = Vad du behöver göra

progress = Förlopp
step-ordered = Beställt
step-shipped = Skickat
step-in_transit = På väg
step-out_for_delivery = Ute för leverans
step-delivered = Levererat
step-current = (aktuellt steg)

estimate-heading = Beräknad leverans
estimate-window = { $from } – { $until }
estimate-by-carrier = Datum från { $carrier }.
estimate-predicted = Vår uppskattning utifrån de senaste leveranserna.
estimate-unknown = Vi visar ett leveransdatum så snart vi kan uppskatta ett.
delivered-on = Levererat { $date }

# Inledningen på ett pakets kort: status och datum i en mening.
hero-arriving = Kommer { $date }
hero-arriving-window = Kommer { $from } – { $until }
hero-arriving-by = Kommer senast { $date }
hero-out-for-delivery = Ute för leverans i dag
hero-unknown = På väg
hero-was-due = Skulle ha kommit { $date }
estimate-stale = Det är senare än planerat. Vi visar det nya datumet så snart transportören delar det.
hero-delivered = Levererat { $date }
hero-carrier-note = Transportörens anteckning: { $note }
hero-pickup = Redo att hämtas
hero-pickup-since = Redo att hämtas sedan { $date }
hero-pickup-at = Hos { $place }
hero-pickup-until = Redo att hämtas till och med { $date }
hero-next-attempt = Transportören försöker igen { $date }.
fact-pickup = Utlämningsställe
fact-hours = Öppettider
fact-amount-due = Att betala
fact-left-at = Lämnat
fact-signed-by = Signerat av
do-pay-amount = Betala { $amount } på { $carrier }s webbplats
rating-question = Hur var leveransen?
rating-scale = 1 är dålig, 5 är utmärkt
rating-score = { $score } av 5
rating-given = Du gav leveransen { $score } av 5. Tryck på en annan siffra för att ändra.
rating-too-many = Du har redan betygsatt flera gånger. Vänta en stund innan du betygsätter igen.
returns-heading = Returer
returns-start = Starta en retur
hero-returned = På väg tillbaka till { $store }
hero-cancelled = Annullerat
hero-expired = Inga nyheter från transportören på länge
hero-preparing = Din beställning görs i ordning
hero-exception = Leveransen är pausad
hero-action_required = Transportören behöver dig
hero-delayed = Försenat
hero-delayed-until = Försenat: väntas nu senast { $date }
hero-first-due = Det skulle först ha kommit { $date }.
do-pay-duties = Betala importavgifterna på { $carrier }s webbplats
do-rearrange = Boka om leveransen på { $carrier }s webbplats
do-redeliver = Be om en ny leverans
do-address = Rätta adressen
do-map = Se utlämningsstället på en karta
do-not-received = Det står levererat, men jag har inte fått det
date-delivered = %A %-d %B, %H:%M
step-problem = (problem här)
step-returning = Returneras
step-ready_for_pickup = Redo att hämtas
step-collected = Hämtat
updates-show-all = Visa alla { $count } uppdateringar
updates-zone = Tiderna anges i tidszonen { $zone } ({ $abbreviation }).
scan-label_created = Fraktsedel skapad
scan-picked_up = Hämtat av transportören
scan-arrived = Ankommit till en av transportörens terminaler
scan-departed = Lämnat en av transportörens terminaler
scan-processed = Sorterat på en av transportörens terminaler
scan-customs = Tullklarering
scan-in_transit = På väg
scan-out_for_delivery = Ute för leverans
scan-attempted = Leveransförsök gjort
scan-at_pickup_point = Redo att hämtas
scan-delivered = Levererat
scan-returning = På väg tillbaka till avsändaren
scan-delayed = Försenat
scan-problem = Ett problem har rapporterats

banner-delayed = Ditt paket är försenat
banner-action_required = Transportören behöver något från dig
banner-exception = Det finns ett problem med den här leveransen
reason-past_estimate = Det har inte kommit fram till det beräknade datumet.
reason-no_scans = Transportören har inte delat några nyheter på några dagar.
reason-weather = Dåligt väder gör leveranserna långsammare.
reason-carrier_delay = Transportören ligger efter i schemat.
reason-failed_attempt = Transportören försökte leverera, men ingen kunde ta emot paketet.
reason-address_problem = Transportören har problem med leveransadressen.
reason-customs_payment = Tullavgifter måste betalas före leveransen.
reason-customs_hold = Paketet hålls kvar i tullen.
reason-cash_on_delivery = Betalning sker vid leveransen.
reason-damaged = Paketet skadades på vägen.
reason-held = Transportören håller kvar paketet.
reason-refused = Leveransen vägrades.
reason-lost = Transportören hittar inte paketet.

updates = Uppdateringar
no-scans = Inga skanningar än. Sidan uppdateras så snart transportören delar nyheter.
step-preparing = Förbereds
preparing-late = Din beställning tar längre tid än väntat
preparing-rest = Resten av din beställning görs i ordning
preparing-waiting = Förbereds fortfarande
preparing-cancelled = Den här beställningen har annullerats
preparing-ships-by = Den bör lämna butiken senast { $date }.
order-cancelled = Beställningen är annullerad
order-cancelled-happened = Butiken har annullerat den här beställningen.
order-cancelled-next = Inget mer kommer att skickas. Eventuell återbetalning kommer från butiken.
order-cancelled-todo = Om du inte väntade dig detta, kontakta butiken.
carrier-and-number = { $carrier } · Spårningsnummer
tracking-number = Spårningsnummer
carrier-site = Se det på { $carrier }s webbplats
items = I den här beställningen
quantity = × { $quantity }

support-heading = Behöver du hjälp?
support-email = Mejla { $email }
support-phone = Ring { $phone }
support-url = Besök vår hjälpsida
faq-heading = Frågor och svar
footer = Spårning från { $store }
skip-to-content = Hoppa till innehållet

not-found-title = Vi hittar inte den sidan
not-found-body = Länken kan vara felskriven eller inte längre aktiv. Letar du efter en beställning, använd länken i ditt leveransmejl eller kontakta butiken du beställde från.
error-title = Något gick fel hos oss
error-body = Försök igen om en stund.
too-large-title = Det var mer än den här sidan tar emot
too-large-body = Det som skickades är större än den här sidan tar emot. Gå tillbaka, korta ner det och försök igen.
bad-request-title = Vi kunde inte läsa det
bad-request-body = Det som skickades gick inte att läsa. Gå tillbaka och försök igen.

date-event = %a %-d %b, %H:%M
date-day = %A %-d %B
date-day-short = %a %-d %b

lookup-title = Spåra din beställning · { $store }
lookup-heading = Spåra din beställning
lookup-intro = Ange ditt ordernummer och den e-postadress eller det postnummer du beställde med.
lookup-order-number = Ordernummer
lookup-contact = E-postadress eller postnummer
lookup-submit = Hitta min beställning
lookup-not-found = Vi hittade ingen beställning med de uppgifterna. Kontrollera ordernumret och använd den e-postadress eller det postnummer du angav i kassan.
lookup-too-many = För många försök. Försök igen om { $wait }.
lookup-number-too-long = Ett ordernummer har högst { $max } tecken.
lookup-contact-too-long = En e-postadress eller ett postnummer har högst { $max } tecken.
lookup-refused = För din säkerhet fungerar formuläret bara från den här sidan. Ladda om den och försök igen.
widget-order-hint = I orderbekräftelsen i din e-post, t.ex. #1001
widget-busy = Söker efter din beställning…
widget-opening = Hittad. Öppnar din beställning…
widget-network = Det gick inte att nå spårningstjänsten. Kontrollera din anslutning och försök igen.
widget-failed = Något gick fel hos oss. Försök igen om en stund.

actions-heading = Behöver du något?
actions-intro = Berätta för { $store } om den här leveransen. De svarar dig via e-post.
action-kind = Vad gäller det?
action-parcel = Vilket paket gäller det?
action-not_received = Jag har inte fått det
action-damaged = Det kom fram skadat
action-wrong_address = Adressen är fel
action-reschedule = Leverera det en annan dag
action-redeliver = Försök leverera igen, tack
action-confirm_address = Min adress stämmer, leverera gärna
action-other = Något annat
action-message = Något att lägga till? (valfritt)
action-submit = Skicka till { $store }
action-sent = Tack. { $store } har fått ditt meddelande och svarar dig via e-post.
action-too-many = Du har redan skickat flera meddelanden. Vänta en stund innan du skickar ett till.
action-too-long = Ditt meddelande är för långt: det får ha högst { $max } tecken.
action-choose-parcel = Välj vilket paket det gäller.
action-choose-kind = Välj vad det gäller.
action-kind-unfit = Det passar inte det paket du valde. Välj igen vad det gäller.

expired-title = Den här spårningslänken har gått ut
expired-body = Av integritetsskäl slutar spårningslänkar att fungera en tid efter leveransen. Du kan fortfarande hitta din beställning med ordernumret och din e-postadress.
expired-action = Hitta min beställning

# En länk från butiksplattformens eget mejl, innan beställningen har nått wismo.
order-ready-title = Vi gör i ordning din beställning
order-ready-body = { $store } har din beställning och gör i ordning den. Spårningssidan öppnas här om en liten stund.
order-ready-later = Sidan uppdateras inte av sig själv: kontrollera igen om en minut, eller öppna länken i ditt mejl senare.
order-ready-check = Kontrollera igen

# Avregistreringssidan som ett uppdateringsmejl länkar till.
unsubscribe-title = Beställningsuppdateringar från { $store }
unsubscribe-ask = Sluta få mejl om dina beställningar från { $store }? Din spårningssida fortsätter att fungera.
unsubscribe-button = Avregistrera mig
unsubscribe-done = Klart: du får inga fler uppdateringsmejl från { $store }.
resubscribe-ask = Ångrat dig? Du kan få uppdateringsmejl från { $store } igen.
resubscribe-button = Mejla mig uppdateringar igen
resubscribe-done = Klart: du får uppdateringsmejl från { $store } igen.
unsubscribe-channels-ask = Eller välj hur { $store } håller dig uppdaterad:
unsubscribe-channel-email = Mejl till { $contact }
unsubscribe-channel-sms = Sms till { $contact }
unsubscribe-channel-whatsapp = WhatsApp-meddelanden till { $contact }
unsubscribe-channel-voice = Ett samtal till { $contact } när du behöver agera
unsubscribe-channels-button = Spara mina val
unsubscribe-channels-done = Sparat: { $store } når dig bara på de sätt du har kryssat i.

# Vad sidan säger att kunden ska göra medan paketet är på väg: ett mejl när butiken
# skickar ett (todo-email-MILESTONE), annars att sidan håller sig uppdaterad själv.
todo-page = Ingenting just nu. Sidan uppdateras av sig själv: kom tillbaka när du vill.
todo-email-shipped = Ingenting just nu. Vi mejlar dig när den har skickats.
todo-email-out_for_delivery = Ingenting just nu. Vi mejlar dig när den är ute för leverans.

# Löftet i kassan på butikens egen webbplats (datum i mönstret `date-day-short`).
promise-arrives-on = Beställ i dag, kommer { $date }
promise-arrives-between = Beställ i dag, kommer { $from } – { $until }
