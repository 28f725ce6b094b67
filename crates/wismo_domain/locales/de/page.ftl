# Die Texte der Seite zur Sendungsverfolgung, auf Deutsch.
# Platzhalter in { $Klammern } füllt wismo aus; lassen Sie sie unverändert.
# `date-*`-Nachrichten sind Datumsmuster (strftime): %A Wochentag, %a kurzer Wochentag, %-d Tag,
# %B Monat, %b kurzer Monat, %H:%M Uhrzeit. Ordnen Sie sie so an, wie Ihre Sprache Daten schreibt.
# Anrede: Sie.

page-title = Bestellung { $number } · { $store }
greeting-named = { $name }, hier ist Ihre Bestellung { $number }
greeting = Ihre Bestellung { $number }
parcel-count = Diese Bestellung wird in { $count } Paketen verschickt.
parcel-heading = Paket { $index } von { $count }

heading-happened = Was passiert ist
heading-next = Wie es weitergeht
heading-todo = Was Sie tun sollten

progress = Fortschritt
step-ordered = Bestellt
step-shipped = Verschickt
step-in_transit = Unterwegs
step-out_for_delivery = In Zustellung
step-delivered = Zugestellt
step-current = (aktueller Schritt)

estimate-heading = Voraussichtliche Zustellung
estimate-window = { $from } – { $until }
estimate-by-carrier = Termin laut { $carrier }.
estimate-predicted = Unsere Schätzung anhand der letzten Zustellungen.
estimate-unknown = Wir zeigen Ihnen ein Zustelldatum, sobald wir es abschätzen können.
delivered-on = Zugestellt am { $date }

# Der Kopf einer Sendung: Status und Datum in einem Satz.
hero-arriving = Kommt am { $date }
hero-arriving-window = Kommt zwischen { $from } und { $until }
hero-arriving-by = Kommt bis { $date }
hero-out-for-delivery = Heute in Zustellung
hero-unknown = Unterwegs
hero-was-due = Sollte am { $date } ankommen
estimate-stale = Es dauert länger als geplant. Das neue Datum zeigen wir, sobald der Paketdienst eins nennt.
hero-delivered = Zugestellt am { $date }
hero-carrier-note = Hinweis des Paketdiensts: { $note }
hero-pickup = Zur Abholung bereit
hero-pickup-since = Zur Abholung bereit seit { $date }
hero-pickup-at = Bei { $place }
hero-pickup-until = Zur Abholung bereit bis { $date }
hero-next-attempt = Der Paketdienst versucht es erneut am { $date }.
fact-pickup = Abholstelle
fact-hours = Öffnungszeiten
fact-amount-due = Zu zahlender Betrag
fact-left-at = Abgelegt
fact-signed-by = Unterschrieben von
do-pay-amount = { $amount } auf der Website von { $carrier } bezahlen
rating-question = Wie war die Zustellung?
rating-scale = 1 ist schlecht, 5 ist ausgezeichnet
rating-score = { $score } von 5
rating-given = Sie haben diese Zustellung mit { $score } von 5 bewertet. Tippen Sie auf eine andere Zahl, um es zu ändern.
rating-too-many = Sie haben schon mehrmals bewertet. Bitte warten Sie etwas, bevor Sie erneut bewerten.
returns-heading = Rücksendungen
returns-start = Rücksendung starten
hero-returned = Auf dem Rückweg zu { $store }
hero-cancelled = Storniert
hero-expired = Seit Langem keine Nachricht vom Paketdienst
hero-preparing = Ihre Bestellung wird vorbereitet
hero-exception = Zustellung angehalten
hero-action_required = Der Paketdienst braucht Sie
hero-delayed = Verspätet
hero-delayed-until = Verspätet: jetzt erwartet bis { $date }
hero-first-due = Ursprünglich erwartet am { $date }.
do-pay-duties = Einfuhrabgaben auf der Website von { $carrier } bezahlen
do-rearrange = Neue Zustellung auf der Website von { $carrier } vereinbaren
do-redeliver = Um eine neue Zustellung bitten
do-address = Adresse korrigieren
do-map = Abholstelle auf der Karte ansehen
do-not-received = Als zugestellt gemeldet, aber nicht bei mir
date-delivered = %A, %-d. %B, %H:%M
step-problem = (hier gibt es ein Problem)
step-returning = Rücksendung
step-ready_for_pickup = Abholbereit
step-collected = Abgeholt
updates-show-all = Alle { $count } Meldungen zeigen
updates-zone = Zeiten in Ortszeit { $zone } ({ $abbreviation }).
scan-label_created = Versandetikett erstellt
scan-picked_up = Vom Paketdienst abgeholt
scan-arrived = Im Paketzentrum angekommen
scan-departed = Paketzentrum verlassen
scan-processed = Im Paketzentrum sortiert
scan-customs = Zollabfertigung
scan-in_transit = Unterwegs
scan-out_for_delivery = In Zustellung
scan-attempted = Zustellversuch
scan-at_pickup_point = Zur Abholung bereit
scan-delivered = Zugestellt
scan-returning = Auf dem Rückweg zum Absender
scan-delayed = Verspätet
scan-problem = Ein Problem wurde gemeldet

banner-delayed = Ihr Paket verspätet sich
banner-action_required = Der Paketdienst braucht etwas von Ihnen
banner-exception = Es gibt ein Problem mit dieser Zustellung
reason-past_estimate = Es ist bis zum voraussichtlichen Termin nicht angekommen.
reason-no_scans = Der Paketdienst hat seit einigen Tagen nichts Neues gemeldet.
reason-weather = Schlechtes Wetter verzögert die Zustellungen.
reason-carrier_delay = Beim Paketdienst kommt es zu Verzögerungen.
reason-failed_attempt = Der Paketdienst wollte zustellen, aber niemand konnte das Paket annehmen.
reason-address_problem = Der Paketdienst hat ein Problem mit der Lieferadresse.
reason-customs_payment = Vor der Zustellung müssen Zollgebühren bezahlt werden.
reason-customs_hold = Das Paket wird vom Zoll festgehalten.
reason-cash_on_delivery = Bei der Zustellung ist eine Zahlung fällig.
reason-damaged = Das Paket wurde unterwegs beschädigt.
reason-held = Der Paketdienst hält das Paket zurück.
reason-refused = Die Annahme wurde verweigert.
reason-lost = Der Paketdienst kann das Paket nicht finden.

updates = Sendungsverlauf
no-scans = Noch keine Neuigkeiten. Diese Seite aktualisiert sich, sobald der Paketdienst etwas meldet.
step-preparing = In Vorbereitung
preparing-late = Ihre Bestellung dauert länger als erwartet
preparing-rest = Der Rest Ihrer Bestellung wird vorbereitet
preparing-waiting = Noch in Vorbereitung
preparing-cancelled = Diese Bestellung wurde storniert
preparing-ships-by = Sie sollte den Shop bis { $date } verlassen.
order-cancelled = Bestellung storniert
order-cancelled-happened = Der Shop hat diese Bestellung storniert.
order-cancelled-next = Es wird nichts mehr verschickt. Eine Erstattung kommt vom Shop.
order-cancelled-todo = Wenn Sie das nicht erwartet haben, wenden Sie sich an den Shop.
carrier-and-number = { $carrier } · Sendungsnummer
tracking-number = Sendungsnummer
carrier-site = Auf der Website von { $carrier } ansehen
items = In dieser Bestellung
quantity = × { $quantity }

support-heading = Brauchen Sie Hilfe?
support-email = E-Mail an { $email }
support-phone = Anrufen unter { $phone }
support-url = Zu unserer Hilfeseite
faq-heading = Häufige Fragen
footer = Sendungsverfolgung von { $store }
skip-to-content = Zum Inhalt springen

not-found-title = Wir können diese Seite nicht finden
not-found-body = Der Link ist vielleicht falsch geschrieben oder nicht mehr aktiv. Wenn Sie eine Bestellung suchen, nutzen Sie den Link aus Ihrer Versand-E-Mail oder wenden Sie sich an den Shop, bei dem Sie bestellt haben.
error-title = Bei uns ist etwas schiefgelaufen
error-body = Bitte versuchen Sie es gleich noch einmal.
too-large-title = Das ist mehr, als diese Seite annimmt
too-large-body = Was gesendet wurde, ist größer, als diese Seite annimmt. Bitte gehen Sie zurück, kürzen Sie es und versuchen Sie es erneut.
bad-request-title = Das konnten wir nicht lesen
bad-request-body = Was gesendet wurde, konnte nicht gelesen werden. Bitte gehen Sie zurück und versuchen Sie es erneut.

date-event = %a, %-d. %b, %H:%M
date-day = %A, %-d. %B
date-day-short = %a, %-d. %b

lookup-title = Bestellung verfolgen · { $store }
lookup-heading = Bestellung verfolgen
lookup-intro = Geben Sie Ihre Bestellnummer und die E-Mail-Adresse oder Postleitzahl ein, mit der Sie bestellt haben.
lookup-order-number = Bestellnummer
lookup-contact = E-Mail oder Postleitzahl
lookup-submit = Meine Bestellung finden
lookup-not-found = Wir konnten keine Bestellung mit diesen Angaben finden. Prüfen Sie die Bestellnummer und verwenden Sie die E-Mail-Adresse oder Postleitzahl, die Sie bei der Bestellung angegeben haben.
lookup-too-many = Zu viele Versuche. Bitte versuchen Sie es in { $wait } erneut.
lookup-number-too-long = Eine Bestellnummer hat höchstens { $max } Zeichen.
lookup-contact-too-long = Eine E-Mail-Adresse oder Postleitzahl hat höchstens { $max } Zeichen.
lookup-refused = Zu Ihrer Sicherheit funktioniert dieses Formular nur auf dieser Seite. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.
widget-order-hint = In Ihrer Bestellbestätigung per E-Mail, z. B. #1001
widget-busy = Ihre Bestellung wird gesucht…
widget-opening = Gefunden. Ihre Bestellung wird geöffnet…
widget-network = Der Sendungsverfolgungsdienst ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.
widget-failed = Bei uns ist etwas schiefgelaufen. Bitte versuchen Sie es gleich noch einmal.

actions-heading = Haben Sie ein Anliegen?
actions-intro = Informieren Sie { $store } über diese Zustellung. Sie erhalten eine Antwort per E-Mail.
action-kind = Worum geht es?
action-parcel = Um welches Paket geht es?
action-not_received = Ich habe es nicht erhalten
action-damaged = Es ist beschädigt angekommen
action-wrong_address = Die Adresse ist falsch
action-reschedule = Ich möchte es an einem anderen Tag erhalten
action-redeliver = Ich bitte um einen neuen Zustellversuch
action-confirm_address = Meine Adresse stimmt, bitte zustellen
action-other = Etwas anderes
action-message = Möchten Sie noch etwas ergänzen? (optional)
action-submit = An { $store } senden
action-sent = Danke. { $store } hat Ihre Nachricht erhalten und antwortet Ihnen per E-Mail.
action-too-many = Sie haben bereits mehrere Nachrichten gesendet. Bitte warten Sie etwas, bevor Sie eine weitere senden.
action-too-long = Ihre Nachricht ist zu lang: Sie darf höchstens { $max } Zeichen haben.
action-choose-parcel = Bitte wählen Sie, um welches Paket es geht.
action-choose-kind = Bitte wählen Sie, worum es geht.
action-kind-unfit = Das passt nicht zum gewählten Paket. Bitte wählen Sie noch einmal, worum es geht.

expired-title = Dieser Link zur Sendungsverfolgung ist abgelaufen
expired-body = Zum Schutz Ihrer Privatsphäre funktionieren Links zur Sendungsverfolgung einige Zeit nach der Zustellung nicht mehr. Sie können Ihre Bestellung aber weiterhin mit der Bestellnummer und Ihrer E-Mail-Adresse finden.
expired-action = Meine Bestellung finden

# A link from the store platform's own email, before the order reached wismo.
order-ready-title = Wir bereiten Ihre Bestellung vor
order-ready-body = { $store } hat Ihre Bestellung erhalten und bereitet sie vor. Die Seite zur Sendungsverfolgung öffnet sich hier in Kürze.
order-ready-later = Diese Seite aktualisiert sich nicht von selbst: Sehen Sie in einer Minute noch einmal nach, oder öffnen Sie den Link in Ihrer E-Mail später erneut.
order-ready-check = Erneut prüfen

# The unsubscribe page an update email links to.
unsubscribe-title = Bestell-Updates von { $store }
unsubscribe-ask = Keine E-Mails mehr zu Ihren Bestellungen bei { $store }? Ihre Sendungsverfolgung funktioniert weiter.
unsubscribe-button = Abmelden
unsubscribe-done = Erledigt: Sie bekommen keine Update-E-Mails von { $store } mehr.
resubscribe-ask = Doch anders überlegt? Sie können wieder Update-E-Mails von { $store } bekommen.
resubscribe-button = Wieder E-Mails bekommen
resubscribe-done = Erledigt: Sie bekommen wieder Update-E-Mails von { $store }.
unsubscribe-channels-ask = Oder wählen Sie, wie { $store } Sie auf dem Laufenden hält:
unsubscribe-channel-email = E-Mails an { $contact }
unsubscribe-channel-sms = SMS an { $contact }
unsubscribe-channel-whatsapp = WhatsApp-Nachrichten an { $contact }
unsubscribe-channel-voice = Ein Anruf bei { $contact }, wenn Sie etwas tun müssen
unsubscribe-channels-button = Auswahl speichern
unsubscribe-channels-done = Gespeichert: { $store } meldet sich nur noch auf den angekreuzten Wegen.

# Was die Seite zu tun rät, während das Paket unterwegs ist.
todo-page = Im Moment nichts. Diese Seite aktualisiert sich von selbst: Schauen Sie jederzeit wieder vorbei.
todo-email-shipped = Im Moment nichts. Wir schreiben Ihnen eine E-Mail, sobald es verschickt ist.
todo-email-out_for_delivery = Im Moment nichts. Wir schreiben Ihnen eine E-Mail, sobald es in der Zustellung ist.

# The promise at checkout on the store's own site (dates in the `date-day-short` pattern).
promise-arrives-on = Heute bestellt, Lieferung am { $date }
promise-arrives-between = Heute bestellt, Lieferung { $from } – { $until }
