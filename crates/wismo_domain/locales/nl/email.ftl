# De eigen woorden van de e-mails, in het Nederlands. E-mails gebruiken ook enkele woorden
# van de pagina (heading-*, delivered-on, estimate-window, items, quantity, action-*, date-*).
# Plaatshouders tussen { $haakjes } vult wismo in; laat ze zoals ze zijn.
# $scope is `all` als de e-mail over alle pakketten van de bestelling gaat, `some` als hij
# maar over een deel ervan gaat.

email-subject-shipped = { $scope ->
    [some] Een deel van je bestelling { $number } is verzonden
   *[all] Je bestelling { $number } is verzonden
}
email-subject-in_transit = { $scope ->
    [some] Een deel van je bestelling { $number } is onderweg
   *[all] Je bestelling { $number } is onderweg
}
email-subject-out_for_delivery = { $scope ->
    [some] Een deel van je bestelling { $number } wordt vandaag bezorgd
   *[all] Je bestelling { $number } wordt vandaag bezorgd
}
email-subject-delivered = { $scope ->
    [some] Een deel van je bestelling { $number } is bezorgd
   *[all] Je bestelling { $number } is bezorgd
}
email-subject-delayed = { $scope ->
    [some] Een deel van je bestelling { $number } is vertraagd
   *[all] Je bestelling { $number } is vertraagd
}
email-subject-action_required = { $scope ->
    [some] Actie nodig voor een deel van je bestelling { $number }
   *[all] Actie nodig voor je bestelling { $number }
}
email-subject-exception = { $scope ->
    [some] Een probleem met een deel van je bestelling { $number }
   *[all] Een probleem met je bestelling { $number }
}
email-subject-returned = { $scope ->
    [some] Een deel van je bestelling { $number } gaat terug
   *[all] Je bestelling { $number } gaat terug naar de winkel
}
email-subject-available_for_pickup = { $scope ->
    [some] Een deel van je bestelling { $number } ligt klaar om op te halen
   *[all] Je bestelling { $number } ligt klaar om op te halen
}
email-subject-delivery_date_changed = Nieuwe bezorgdatum voor je bestelling { $number }
email-subject-order_confirmed = We hebben je bestelling { $number } ontvangen
email-subject-fulfillment_stalled = Het verzenden van je bestelling { $number } duurt langer
email-subject-tracking_link = Volg je bestelling { $number } hier
email-subject-request_answered = Over je vraag bij bestelling { $number }

email-heading-shipped = Je bestelling is verzonden
email-heading-in_transit = Je bestelling is onderweg
email-heading-out_for_delivery = Wordt vandaag bezorgd
email-heading-delivered = Bezorgd
email-heading-delayed = Vertraagd
email-heading-action_required = De vervoerder heeft iets van je nodig
email-heading-exception = Er is een probleem met de bezorging
email-heading-returned = Terug naar de winkel
email-heading-available_for_pickup = Klaar om op te halen
email-heading-delivery_date_changed = Een nieuwe bezorgdatum
email-heading-order_confirmed = Bedankt voor je bestelling
email-heading-fulfillment_stalled = Je bestelling duurt langer
email-heading-tracking_link = De trackingpagina van je bestelling
email-heading-request_answered = Een antwoord op je vraag

# De drie antwoorden voor momenten die geen fase van een pakket zijn.
email-happened-delivery_date_changed = De verwachte bezorgdatum van je bestelling is veranderd.
email-next-delivery_date_changed = De vervoerder brengt je pakket verder. We laten het je weten als de datum weer verandert.
email-todo-delivery_date_changed = Voorlopig niets. Heb je het op een bepaalde dag nodig, neem dan contact op met de winkel.
email-happened-fulfillment_stalled = Je bestelling is nog niet verzonden, later dan verwacht.
email-next-fulfillment_stalled = De winkel maakt hem klaar en stuurt je de trackinggegevens zodra hij verzonden is.
email-todo-fulfillment_stalled = Voorlopig niets. Heb je vragen, neem dan contact op met de winkel.

email-opening-named = Hoi { $name }, hier is nieuws over je bestelling { $number } bij { $store }.
email-opening = Hallo, hier is nieuws over je bestelling { $number } bij { $store }.
email-note = { $store } schreef:

# Een regel voor bestellingen in meerdere pakketten, per mijlpaal: "2 van 3 pakketten bezorgd".
email-parcels-reached = { $milestone ->
    [shipped] { $reached } van { $count } pakketten verzonden
    [in_transit] { $reached } van { $count } pakketten onderweg
    [out_for_delivery] { $reached } van { $count } pakketten worden vandaag bezorgd
    [delivered] { $reached } van { $count } pakketten bezorgd
    [available_for_pickup] { $reached } van { $count } pakketten klaar om op te halen
   *[other] { $label }: { $reached } van { $count } pakketten
}
email-parcels-heading = Je pakketten
email-parcel-line = { $carrier } { $tracking }: { $label }

email-expected = Verwachte bezorging: { $date }
email-date-changed = Het werd verwacht op { $before }. Nu wordt het verwacht op { $after }.

email-track = Volg je bestelling
email-why = Je krijgt deze e-mail omdat je hebt besteld bij { $store }.
email-unsubscribe = Geen verzendupdates meer per e-mail
email-support = Vragen? Schrijf naar { $email }.

# E-mails aan de winkel.
email-why-merchant = Je krijgt deze e-mail omdat dit adres de meldingen van { $store } uit wismo ontvangt.
email-open = Openen in wismo

email-request-subject = Nieuw verzoek over bestelling { $number }
email-request-heading = Een klant heeft iets nodig
email-request-from-named = { $name } schreef over bestelling { $number }.
email-request-from = Een klant schreef over bestelling { $number }.
email-request-kind = Onderwerp: { $kind }
email-request-message = Het bericht:
email-request-no-message = Er is geen bericht bijgevoegd.
email-request-reply = Antwoord aan { $email }.

email-digest-subject = Pakketten die aandacht nodig hebben bij { $store }
email-digest-heading = Pakketten die aandacht nodig hebben
email-digest-intro = Deze pakketten zijn te laat, zitten vast of wachten op de klant.
email-digest-line = Bestelling { $number } · { $carrier } { $tracking } · { $label } sinds { $date }
email-digest-unshipped-intro = Bestellingen die niet op tijd zijn verzonden:
email-digest-unshipped = Bestelling { $number }, geplaatst op { $date }: nog geen pakket
email-digest-more = …en nog { $count }.

email-endpoint-subject = Een webhook-endpoint van { $store } is uitgeschakeld
email-endpoint-heading = Webhook-leveringen gestopt
email-endpoint-body = wismo stuurt geen events meer naar { $url }: leveringen mislukken sinds { $date }.
email-endpoint-error = Laatste fout: { $error }
email-endpoint-todo = Repareer het endpoint en voeg het daarna opnieuw toe (POST /api/v1/webhook-endpoints): een uitgeschakeld endpoint krijgt geen events meer.

email-test-subject = Test-e-mail van wismo voor { $store }
email-test-heading = Het werkt
email-test-body = Dit is een test van wismo. Kun je dit lezen, dan komen e-mails voor { $store } aan op dit adres.

email-reset-subject = Stel een nieuw wachtwoord in voor { $store } op wismo
email-reset-heading = Stel een nieuw wachtwoord in
email-reset-body = Iemand, hopelijk jij, heeft een nieuw wachtwoord gevraagd voor je account bij { $store }. De link werkt één keer, een uur lang.
email-reset-button = Nieuw wachtwoord instellen
email-reset-ignore = Was jij het niet? Negeer deze e-mail dan: je wachtwoord blijft zoals het is.
email-invite-subject = { $email } heeft je uitgenodigd voor { $store } op wismo
email-invite-heading = Je bent uitgenodigd
email-invite-body = { $email } heeft je uitgenodigd om { $store } mee te beheren op wismo, waar de bestellingen en pakketten worden gevolgd. De link werkt één keer, 7 dagen lang.
email-invite-button = Stel je wachtwoord in
email-invite-ignore = Weet je niet waar dit over gaat? Negeer deze e-mail dan: zonder jou gebeurt er niets.
email-why-account = Je krijgt deze e-mail vanwege je account bij { $store } op wismo.
