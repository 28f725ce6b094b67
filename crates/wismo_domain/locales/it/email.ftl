# Le parole proprie delle email, in italiano. Le email usano anche alcune parole della
# pagina (heading-*, delivered-on, estimate-window, items, quantity, action-*, date-*).
# wismo compila i segnaposto tra { $graffe }; lasciali come sono.
# $scope è `all` quando l'email riguarda tutti i pacchi dell'ordine, `some` quando ne
# riguarda solo alcuni.

email-subject-shipped = { $scope ->
    [some] Parte del tuo ordine { $number } è stata spedita
   *[all] Il tuo ordine { $number } è stato spedito
}
email-subject-in_transit = { $scope ->
    [some] Parte del tuo ordine { $number } è in viaggio
   *[all] Il tuo ordine { $number } è in viaggio
}
email-subject-out_for_delivery = { $scope ->
    [some] Parte del tuo ordine { $number } è in consegna
   *[all] Il tuo ordine { $number } è in consegna
}
email-subject-delivered = { $scope ->
    [some] Parte del tuo ordine { $number } è stata consegnata
   *[all] Il tuo ordine { $number } è stato consegnato
}
email-subject-delayed = { $scope ->
    [some] Parte del tuo ordine { $number } è in ritardo
   *[all] Il tuo ordine { $number } è in ritardo
}
email-subject-action_required = { $scope ->
    [some] Serve un tuo intervento per parte dell'ordine { $number }
   *[all] Serve un tuo intervento per l'ordine { $number }
}
email-subject-exception = { $scope ->
    [some] Un problema con parte del tuo ordine { $number }
   *[all] Un problema con il tuo ordine { $number }
}
email-subject-returned = { $scope ->
    [some] Parte del tuo ordine { $number } torna al negozio
   *[all] Il tuo ordine { $number } torna al negozio
}
email-subject-available_for_pickup = { $scope ->
    [some] Parte del tuo ordine { $number } è pronta per il ritiro
   *[all] Il tuo ordine { $number } è pronto per il ritiro
}
email-subject-delivery_date_changed = Nuova data di consegna per il tuo ordine { $number }
email-subject-order_confirmed = Abbiamo ricevuto il tuo ordine { $number }
email-subject-fulfillment_stalled = La spedizione del tuo ordine { $number } richiede più tempo
email-subject-tracking_link = Segui qui il tuo ordine { $number }
email-subject-request_answered = Sulla tua richiesta per l'ordine { $number }

email-heading-shipped = Il tuo ordine è stato spedito
email-heading-in_transit = Il tuo ordine è in viaggio
email-heading-out_for_delivery = In consegna oggi
email-heading-delivered = Consegnato
email-heading-delayed = In ritardo
email-heading-action_required = Il corriere ha bisogno di qualcosa da te
email-heading-exception = C'è un problema con la consegna
email-heading-returned = In ritorno al negozio
email-heading-available_for_pickup = Pronto per il ritiro
email-heading-delivery_date_changed = Una nuova data di consegna
email-heading-order_confirmed = Grazie per il tuo ordine
email-heading-fulfillment_stalled = Il tuo ordine richiede più tempo
email-heading-tracking_link = La pagina di tracciamento del tuo ordine
email-heading-request_answered = Una risposta alla tua richiesta

# Le tre risposte dei momenti che non sono la fase di un pacco.
email-happened-delivery_date_changed = La data di consegna prevista del tuo ordine è cambiata.
email-next-delivery_date_changed = Il corriere continua a trasportare il tuo pacco. Ti avviseremo se la data cambia di nuovo.
email-todo-delivery_date_changed = Per ora niente. Se ti serve entro un giorno preciso, contatta il negozio.
email-happened-fulfillment_stalled = Il tuo ordine non è ancora stato spedito, più tardi del previsto.
email-next-fulfillment_stalled = Il negozio lo sta preparando e ti invierà i dati di tracciamento alla spedizione.
email-todo-fulfillment_stalled = Per ora niente. Per qualsiasi domanda, contatta il negozio.

email-opening-named = Ciao { $name }, ci sono novità sul tuo ordine { $number } da { $store }.
email-opening = Ciao, ci sono novità sul tuo ordine { $number } da { $store }.
email-note = { $store } ha scritto:

# Una riga per gli ordini in più pacchi, secondo la tappa: "Pacchi consegnati: 2 su 3".
email-parcels-reached = { $milestone ->
    [shipped] Pacchi spediti: { $reached } su { $count }
    [in_transit] Pacchi in viaggio: { $reached } su { $count }
    [out_for_delivery] Pacchi in consegna: { $reached } su { $count }
    [delivered] Pacchi consegnati: { $reached } su { $count }
    [available_for_pickup] Pacchi pronti per il ritiro: { $reached } su { $count }
   *[other] { $label }: { $reached } pacchi su { $count }
}
email-parcels-heading = I tuoi pacchi
email-parcel-line = { $carrier } { $tracking }: { $label }

email-expected = Consegna prevista: { $date }
email-date-changed = Era prevista per { $before }. Ora è attesa: { $after }.

email-track = Segui il tuo ordine
email-why = Ricevi questa email perché hai fatto un ordine da { $store }.
email-unsubscribe = Non ricevere più aggiornamenti di spedizione via email
email-support = Domande? Scrivi a { $email }.

# Email per il negozio.
email-why-merchant = Ricevi questa email perché questo indirizzo riceve gli avvisi di wismo per { $store }.
email-open = Apri in wismo

email-request-subject = Nuova richiesta sull'ordine { $number }
email-request-heading = Un cliente ha bisogno di qualcosa
email-request-from-named = { $name } ha scritto riguardo all'ordine { $number }.
email-request-from = Un cliente ha scritto riguardo all'ordine { $number }.
email-request-kind = Argomento: { $kind }
email-request-message = Il messaggio:
email-request-no-message = Non ha aggiunto nessun messaggio.
email-request-reply = Rispondi a { $email }.

email-digest-subject = Pacchi che richiedono attenzione da { $store }
email-digest-heading = Pacchi che richiedono attenzione
email-digest-intro = Questi pacchi sono in ritardo, fermi o in attesa del cliente.
email-digest-line = Ordine { $number } · { $carrier } { $tracking } · { $label } da { $date }
email-digest-unshipped-intro = Ordini non spediti in tempo:
email-digest-unshipped = Ordine { $number } del { $date }: ancora nessun pacco
email-digest-more = …e altri { $count }.

email-endpoint-subject = Un endpoint webhook di { $store } è stato disattivato
email-endpoint-heading = Invii dei webhook interrotti
email-endpoint-body = wismo ha smesso di inviare eventi a { $url }: gli invii non riescono da { $date }.
email-endpoint-error = Ultimo errore: { $error }
email-endpoint-todo = Correggi l'endpoint, poi aggiungilo di nuovo (POST /api/v1/webhook-endpoints): un endpoint disattivato non riceve più eventi.

email-test-subject = Email di prova di wismo per { $store }
email-test-heading = Funziona
email-test-body = Questa è una prova di wismo. Se riesci a leggerla, le email per { $store } arrivano a questo indirizzo.

email-reset-subject = Imposta una nuova password per { $store } su wismo
email-reset-heading = Imposta una nuova password
email-reset-body = Qualcuno, speriamo tu, ha chiesto una nuova password per il tuo account di { $store }. Il link funziona una sola volta, per un'ora.
email-reset-button = Imposta una nuova password
email-reset-ignore = Se non sei stato tu, ignora questa email: la tua password resta com'è.
email-invite-subject = { $email } ti ha invitato su { $store } in wismo
email-invite-heading = Hai ricevuto un invito
email-invite-body = { $email } ti ha invitato ad aiutare a gestire { $store } su wismo, dove si seguono i suoi ordini e pacchi. Il link funziona una sola volta, per 7 giorni.
email-invite-button = Imposta la tua password
email-invite-ignore = Se non sai di cosa si tratta, ignora questa email: senza di te non succede nulla.
email-why-account = Ricevi questa email per il tuo account di { $store } su wismo.
