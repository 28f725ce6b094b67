# Die eigenen Wörter der E-Mails, auf Deutsch. E-Mails verwenden auch einige Wörter der
# Seite (heading-*, delivered-on, estimate-window, items, quantity, action-*, date-*).
# Platzhalter in { $Klammern } füllt wismo aus; bitte unverändert lassen.
# $scope ist `all`, wenn es in der E-Mail um alle Pakete der Bestellung geht, und `some`,
# wenn nur um einige davon.

email-subject-shipped = { $scope ->
    [some] Ein Teil Ihrer Bestellung { $number } wurde versandt
   *[all] Ihre Bestellung { $number } wurde versandt
}
email-subject-in_transit = { $scope ->
    [some] Ein Teil Ihrer Bestellung { $number } ist unterwegs
   *[all] Ihre Bestellung { $number } ist unterwegs
}
email-subject-out_for_delivery = { $scope ->
    [some] Ein Teil Ihrer Bestellung { $number } wird heute zugestellt
   *[all] Ihre Bestellung { $number } wird heute zugestellt
}
email-subject-delivered = { $scope ->
    [some] Ein Teil Ihrer Bestellung { $number } wurde zugestellt
   *[all] Ihre Bestellung { $number } wurde zugestellt
}
email-subject-delayed = { $scope ->
    [some] Ein Teil Ihrer Bestellung { $number } verspätet sich
   *[all] Ihre Bestellung { $number } verspätet sich
}
email-subject-action_required = { $scope ->
    [some] Handlung nötig für einen Teil Ihrer Bestellung { $number }
   *[all] Handlung nötig für Ihre Bestellung { $number }
}
email-subject-exception = { $scope ->
    [some] Problem mit einem Teil Ihrer Bestellung { $number }
   *[all] Problem mit Ihrer Bestellung { $number }
}
email-subject-returned = { $scope ->
    [some] Ein Teil Ihrer Bestellung { $number } geht zurück an den Shop
   *[all] Ihre Bestellung { $number } geht zurück an den Shop
}
email-subject-available_for_pickup = { $scope ->
    [some] Ein Teil Ihrer Bestellung { $number } liegt zur Abholung bereit
   *[all] Ihre Bestellung { $number } liegt zur Abholung bereit
}
email-subject-delivery_date_changed = Neuer Liefertermin für Ihre Bestellung { $number }
email-subject-order_confirmed = Wir haben Ihre Bestellung { $number } erhalten
email-subject-fulfillment_stalled = Der Versand Ihrer Bestellung { $number } dauert länger
email-subject-tracking_link = Verfolgen Sie Ihre Bestellung { $number } hier
email-subject-request_answered = Zu Ihrer Anfrage zur Bestellung { $number }

email-heading-shipped = Ihre Bestellung wurde versandt
email-heading-in_transit = Ihre Bestellung ist unterwegs
email-heading-out_for_delivery = Heute in der Zustellung
email-heading-delivered = Zugestellt
email-heading-delayed = Verspätet
email-heading-action_required = Der Paketdienst braucht etwas von Ihnen
email-heading-exception = Es gibt ein Problem mit der Zustellung
email-heading-returned = Auf dem Rückweg zum Shop
email-heading-available_for_pickup = Bereit zur Abholung
email-heading-delivery_date_changed = Ein neuer Liefertermin
email-heading-order_confirmed = Danke für Ihre Bestellung
email-heading-fulfillment_stalled = Ihre Bestellung braucht länger
email-heading-tracking_link = Die Sendungsverfolgung Ihrer Bestellung
email-heading-request_answered = Eine Antwort auf Ihre Anfrage

# Die drei Antworten für Momente, die keine Phase eines Pakets sind.
email-happened-delivery_date_changed = Der erwartete Liefertermin Ihrer Bestellung hat sich geändert.
email-next-delivery_date_changed = Der Paketdienst transportiert Ihr Paket weiter. Wir sagen Ihnen Bescheid, falls sich der Termin noch einmal ändert.
email-todo-delivery_date_changed = Vorerst nichts. Wenn Sie es bis zu einem bestimmten Tag brauchen, wenden Sie sich an den Shop.
email-happened-fulfillment_stalled = Ihre Bestellung wurde noch nicht versandt, später als erwartet.
email-next-fulfillment_stalled = Der Shop bereitet sie vor und schickt Ihnen die Sendungsdaten, sobald sie versandt ist.
email-todo-fulfillment_stalled = Vorerst nichts. Bei Fragen wenden Sie sich an den Shop.

email-opening-named = Hallo { $name }, es gibt Neuigkeiten zu Ihrer Bestellung { $number } bei { $store }.
email-opening = Hallo, es gibt Neuigkeiten zu Ihrer Bestellung { $number } bei { $store }.
email-note = { $store } schreibt:

# Eine Zeile für Bestellungen in mehreren Paketen, je nach Meilenstein: „2 von 3 Paketen zugestellt“.
email-parcels-reached = { $milestone ->
    [shipped] { $reached } von { $count } Paketen versandt
    [in_transit] { $reached } von { $count } Paketen unterwegs
    [out_for_delivery] { $reached } von { $count } Paketen in der Zustellung
    [delivered] { $reached } von { $count } Paketen zugestellt
    [available_for_pickup] { $reached } von { $count } Paketen bereit zur Abholung
   *[other] { $label }: { $reached } von { $count } Paketen
}
email-parcels-heading = Ihre Pakete
email-parcel-line = { $carrier } { $tracking }: { $label }

email-expected = Voraussichtliche Zustellung: { $date }
email-date-changed = Geplant war { $before }. Jetzt erwartet: { $after }.

email-track = Bestellung verfolgen
email-why = Sie erhalten diese E-Mail, weil Sie bei { $store } bestellt haben.
email-unsubscribe = Keine Versand-Updates mehr per E-Mail
email-support = Fragen? Schreiben Sie an { $email }.

# E-Mails an den Shop.
email-why-merchant = Sie erhalten diese E-Mail, weil diese Adresse die wismo-Benachrichtigungen für { $store } bekommt.
email-open = In wismo öffnen

email-request-subject = Neue Anfrage zur Bestellung { $number }
email-request-heading = Ein Kunde braucht etwas
email-request-from-named = { $name } hat zur Bestellung { $number } geschrieben.
email-request-from = Ein Kunde hat zur Bestellung { $number } geschrieben.
email-request-kind = Worum es geht: { $kind }
email-request-message = Die Nachricht:
email-request-no-message = Es wurde keine Nachricht hinzugefügt.
email-request-reply = Antworten an { $email }.

email-digest-subject = Pakete, die Aufmerksamkeit brauchen, bei { $store }
email-digest-heading = Pakete, die Aufmerksamkeit brauchen
email-digest-intro = Diese Pakete sind verspätet, stecken fest oder warten auf den Kunden.
email-digest-line = Bestellung { $number } · { $carrier } { $tracking } · { $label } seit { $date }
email-digest-unshipped-intro = Bestellungen, die nicht rechtzeitig versandt wurden:
email-digest-unshipped = Bestellung { $number } vom { $date }: noch kein Paket
email-digest-more = …und { $count } weitere.

email-endpoint-subject = Ein Webhook-Endpunkt von { $store } wurde abgeschaltet
email-endpoint-heading = Webhook-Zustellungen gestoppt
email-endpoint-body = wismo sendet keine Ereignisse mehr an { $url }: Die Zustellungen schlagen seit { $date } fehl.
email-endpoint-error = Letzter Fehler: { $error }
email-endpoint-todo = Beheben Sie das Problem am Endpunkt und legen Sie ihn dann neu an (POST /api/v1/webhook-endpoints): Ein abgeschalteter Endpunkt bekommt keine Ereignisse mehr.

email-test-subject = Test-E-Mail von wismo für { $store }
email-test-heading = Es funktioniert
email-test-body = Dies ist ein Test von wismo. Wenn Sie ihn lesen können, kommen E-Mails für { $store } an dieser Adresse an.

email-reset-subject = Neues Passwort für { $store } auf wismo festlegen
email-reset-heading = Neues Passwort festlegen
email-reset-body = Jemand, hoffentlich Sie, hat ein neues Passwort für Ihr Konto bei { $store } angefordert. Der Link gilt einmal, eine Stunde lang.
email-reset-button = Neues Passwort festlegen
email-reset-ignore = Wenn Sie das nicht waren, ignorieren Sie diese E-Mail: Ihr Passwort bleibt, wie es ist.
email-invite-subject = { $email } hat Sie zu { $store } auf wismo eingeladen
email-invite-heading = Sie sind eingeladen
email-invite-body = { $email } hat Sie eingeladen, { $store } auf wismo mitzubetreuen, wo Bestellungen und Pakete verfolgt werden. Der Link gilt einmal, 7 Tage lang.
email-invite-button = Passwort festlegen
email-invite-ignore = Wenn Sie nicht wissen, worum es geht, ignorieren Sie diese E-Mail: Ohne Sie passiert nichts.
email-why-account = Sie erhalten diese E-Mail wegen Ihres Kontos bei { $store } auf wismo.
