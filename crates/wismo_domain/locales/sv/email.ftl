# E-postmeddelandenas egna ord, på svenska. Mejlen använder också några av sidans ord
# (heading-*, delivered-on, estimate-window, items, quantity, action-*, date-*).
# Platshållare inom { $klamrar } fylls i av wismo; låt dem vara som de är.
# $scope är `all` när mejlet gäller alla paket i beställningen, `some` när det bara gäller
# några av dem.

email-subject-shipped = { $scope ->
    [some] En del av din beställning { $number } har skickats
   *[all] Din beställning { $number } har skickats
}
email-subject-in_transit = { $scope ->
    [some] En del av din beställning { $number } är på väg
   *[all] Din beställning { $number } är på väg
}
email-subject-out_for_delivery = { $scope ->
    [some] En del av din beställning { $number } är ute för leverans
   *[all] Din beställning { $number } är ute för leverans
}
email-subject-delivered = { $scope ->
    [some] En del av din beställning { $number } har levererats
   *[all] Din beställning { $number } har levererats
}
email-subject-delayed = { $scope ->
    [some] En del av din beställning { $number } är försenad
   *[all] Din beställning { $number } är försenad
}
email-subject-action_required = { $scope ->
    [some] Åtgärd krävs för en del av din beställning { $number }
   *[all] Åtgärd krävs för din beställning { $number }
}
email-subject-exception = { $scope ->
    [some] Ett problem med en del av din beställning { $number }
   *[all] Ett problem med din beställning { $number }
}
email-subject-returned = { $scope ->
    [some] En del av din beställning { $number } skickas tillbaka
   *[all] Din beställning { $number } skickas tillbaka till butiken
}
email-subject-available_for_pickup = { $scope ->
    [some] En del av din beställning { $number } är redo att hämtas
   *[all] Din beställning { $number } är redo att hämtas
}
email-subject-delivery_date_changed = Nytt leveransdatum för din beställning { $number }
email-subject-order_confirmed = Vi har tagit emot din beställning { $number }
email-subject-fulfillment_stalled = Det tar längre tid att skicka din beställning { $number }
email-subject-tracking_link = Följ din beställning { $number } här
email-subject-request_answered = Om din förfrågan om beställning { $number }

email-heading-shipped = Din beställning har skickats
email-heading-in_transit = Din beställning är på väg
email-heading-out_for_delivery = Ute för leverans i dag
email-heading-delivered = Levererat
email-heading-delayed = Försenat
email-heading-action_required = Transportören behöver något från dig
email-heading-exception = Det finns ett problem med leveransen
email-heading-returned = På väg tillbaka till butiken
email-heading-available_for_pickup = Redo att hämtas
email-heading-delivery_date_changed = Ett nytt leveransdatum
email-heading-order_confirmed = Tack för din beställning
email-heading-fulfillment_stalled = Din beställning tar längre tid
email-heading-tracking_link = Spårningssidan för din beställning
email-heading-request_answered = Ett svar på din förfrågan

# De tre svaren för tillfällen som inte är ett pakets steg.
email-happened-delivery_date_changed = Det beräknade leveransdatumet för din beställning har ändrats.
email-next-delivery_date_changed = Transportören fortsätter att skicka ditt paket. Vi säger till om datumet ändras igen.
email-todo-delivery_date_changed = Ingenting just nu. Om du behöver den till en viss dag, kontakta butiken.
email-happened-fulfillment_stalled = Din beställning har inte skickats än, senare än väntat.
email-next-fulfillment_stalled = Butiken gör i ordning den och skickar spårningsuppgifter när den har skickats.
email-todo-fulfillment_stalled = Ingenting just nu. Kontakta butiken om du har frågor.

email-opening-named = Hej { $name }, här är nyheter om din beställning { $number } från { $store }.
email-opening = Hej, här är nyheter om din beställning { $number } från { $store }.
email-note = { $store } skrev:

# En rad för beställningar i flera paket, per milstolpe: ”2 av 3 paket levererade”.
email-parcels-reached = { $milestone ->
    [shipped] { $reached } av { $count } paket skickade
    [in_transit] { $reached } av { $count } paket på väg
    [out_for_delivery] { $reached } av { $count } paket ute för leverans
    [delivered] { $reached } av { $count } paket levererade
    [available_for_pickup] { $reached } av { $count } paket redo att hämtas
   *[other] { $label }: { $reached } av { $count } paket
}
email-parcels-heading = Dina paket
email-parcel-line = { $carrier } { $tracking }: { $label }

email-expected = Beräknad leverans: { $date }
email-date-changed = Den skulle komma { $before }. Nu väntas den { $after }.

email-track = Spåra din beställning
email-why = Du får det här mejlet eftersom du har beställt från { $store }.
email-unsubscribe = Sluta få leveransuppdateringar via e-post
email-support = Frågor? Skriv till { $email }.

# Mejl till butiken.
email-why-merchant = Du får det här mejlet eftersom den här adressen tar emot { $store }s meddelanden från wismo.
email-open = Öppna i wismo

email-request-subject = Ny förfrågan om beställning { $number }
email-request-heading = En kund behöver något
email-request-from-named = { $name } skrev om beställning { $number }.
email-request-from = En kund skrev om beställning { $number }.
email-request-kind = Gäller: { $kind }
email-request-message = Kundens meddelande:
email-request-no-message = Kunden lade inte till något meddelande.
email-request-reply = Svara till { $email }.

email-digest-subject = Paket som behöver uppmärksamhet hos { $store }
email-digest-heading = Paket som behöver uppmärksamhet
email-digest-intro = De här paketen är sena, har fastnat eller väntar på kunden.
email-digest-line = Beställning { $number } · { $carrier } { $tracking } · { $label } sedan { $date }
email-digest-unshipped-intro = Beställningar som inte har skickats i tid:
email-digest-unshipped = Beställning { $number }, lagd { $date }: inget paket än
email-digest-more = …och { $count } till.

email-endpoint-subject = En webhook-endpoint för { $store } har stängts av
email-endpoint-heading = Webhook-leveranserna har stoppats
email-endpoint-body = wismo har slutat skicka händelser till { $url }: leveranserna har misslyckats sedan { $date }.
email-endpoint-error = Senaste fel: { $error }
email-endpoint-todo = Åtgärda endpointen och lägg sedan till den igen (POST /api/v1/webhook-endpoints): en avstängd endpoint får inga fler händelser.

email-test-subject = Testmejl från wismo för { $store }
email-test-heading = Det fungerar
email-test-body = Det här är ett test från wismo. Om du kan läsa det når mejl för { $store } den här adressen.

email-reset-subject = Välj ett nytt lösenord för { $store } på wismo
email-reset-heading = Välj ett nytt lösenord
email-reset-body = Någon, förhoppningsvis du, har bett om ett nytt lösenord för ditt konto hos { $store }. Länken fungerar en gång, i en timme.
email-reset-button = Välj ett nytt lösenord
email-reset-ignore = Om det inte var du kan du strunta i det här mejlet: ditt lösenord förblir som det är.
email-invite-subject = { $email } har bjudit in dig till { $store } på wismo
email-invite-heading = Du är inbjuden
email-invite-body = { $email } har bjudit in dig att hjälpa till att driva { $store } på wismo, där beställningar och paket spåras. Länken fungerar en gång, i 7 dagar.
email-invite-button = Välj ditt lösenord
email-invite-ignore = Om du inte vet vad det här gäller kan du strunta i mejlet: inget händer utan dig.
email-why-account = Du får det här mejlet på grund av ditt konto hos { $store } på wismo.
