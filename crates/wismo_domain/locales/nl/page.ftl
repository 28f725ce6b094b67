# De teksten van de trackingpagina, in het Nederlands.
# Plaatshouders tussen { $haakjes } vult wismo in; laat ze zoals ze zijn.
# `date-*`-meldingen zijn datumpatronen (strftime): %A weekdag, %a korte weekdag, %-d dag,
# %B maand, %b korte maand, %H:%M tijd. Zet ze in de volgorde waarin je taal data schrijft.
# Aanspreekvorm: je.

page-title = Bestelling { $number } · { $store }
greeting-named = { $name }, hier is je bestelling { $number }
greeting = Je bestelling { $number }
parcel-count = Deze bestelling komt in { $count } pakketten.
parcel-heading = Pakket { $index } van { $count }

heading-happened = Wat er is gebeurd
heading-next = Wat er hierna gebeurt
heading-todo = Wat je moet doen

progress = Voortgang
step-ordered = Besteld
step-shipped = Verzonden
step-in_transit = Onderweg
step-out_for_delivery = Wordt bezorgd
step-delivered = Bezorgd
step-current = (huidige stap)

estimate-heading = Verwachte bezorging
estimate-window = { $from } – { $until }
estimate-by-carrier = Datum van { $carrier }.
estimate-predicted = Onze schatting op basis van recente bezorgingen.
estimate-unknown = We tonen een bezorgdatum zodra we die kunnen inschatten.
delivered-on = Bezorgd op { $date }

# De kop van de kaart van een pakket: de status en de datum in één zin.
hero-arriving = Verwacht op { $date }
hero-arriving-window = Verwacht tussen { $from } en { $until }
hero-arriving-by = Uiterlijk { $date } verwacht
hero-out-for-delivery = Wordt vandaag bezorgd
hero-unknown = Onderweg
hero-was-due = Werd verwacht op { $date }
estimate-stale = Het is later dan gepland. We tonen de nieuwe datum zodra de vervoerder die deelt.
hero-delivered = Bezorgd op { $date }
hero-carrier-note = Bericht van de vervoerder: { $note }
hero-pickup = Klaar om op te halen
hero-pickup-since = Klaar om op te halen sinds { $date }
hero-pickup-at = Bij { $place }
hero-pickup-until = Klaar om op te halen tot { $date }
hero-next-attempt = De vervoerder probeert het opnieuw op { $date }.
fact-pickup = Afhaalpunt
fact-hours = Openingstijden
fact-amount-due = Te betalen
fact-left-at = Achtergelaten
fact-signed-by = Getekend door
do-pay-amount = Betaal { $amount } op de website van { $carrier }
rating-question = Hoe was de bezorging?
rating-scale = 1 is slecht, 5 is uitstekend
rating-score = { $score } van 5
rating-given = U gaf deze bezorging { $score } van 5. Tik op een ander cijfer om het te wijzigen.
rating-too-many = U hebt al een paar keer beoordeeld. Wacht even voordat u opnieuw beoordeelt.
returns-heading = Retourneren
returns-start = Retour aanmelden
hero-returned = Onderweg terug naar { $store }
hero-cancelled = Geannuleerd
hero-expired = Al lange tijd geen nieuws van de vervoerder
hero-preparing = Je bestelling wordt klaargemaakt
hero-exception = Bezorging gepauzeerd
hero-action_required = De vervoerder heeft je nodig
hero-delayed = Vertraagd
hero-delayed-until = Vertraagd: nu uiterlijk { $date } verwacht
hero-first-due = Eerst werd het verwacht op { $date }.
do-pay-duties = Betaal de invoerkosten op de website van { $carrier }
do-rearrange = Regel de bezorging opnieuw op de website van { $carrier }
do-redeliver = Vraag om een nieuwe bezorging
do-address = Verbeter het adres
do-map = Bekijk het afhaalpunt op een kaart
do-not-received = Er staat bezorgd, maar ik heb het niet
date-delivered = %A %-d %B, %H:%M
step-problem = (hier is een probleem)
step-returning = Retour
step-ready_for_pickup = Klaar om op te halen
step-collected = Opgehaald
updates-show-all = Alle { $count } updates tonen
updates-zone = Tijden zijn in de tijdzone { $zone } ({ $abbreviation }).
scan-label_created = Verzendlabel aangemaakt
scan-picked_up = Opgehaald door de vervoerder
scan-arrived = Aangekomen bij een locatie van de vervoerder
scan-departed = Vertrokken van een locatie van de vervoerder
scan-processed = Gesorteerd bij een locatie van de vervoerder
scan-customs = Inklaring bij de douane
scan-in_transit = Onderweg
scan-out_for_delivery = Wordt bezorgd
scan-attempted = Bezorgpoging gedaan
scan-at_pickup_point = Klaar om op te halen
scan-delivered = Bezorgd
scan-returning = Terug naar de afzender
scan-delayed = Vertraagd
scan-problem = Er is een probleem gemeld

banner-delayed = Je pakket is vertraagd
banner-action_required = De vervoerder heeft iets van je nodig
banner-exception = Er is een probleem met deze bezorging
reason-past_estimate = Het is niet aangekomen op de verwachte datum.
reason-no_scans = De vervoerder heeft al een paar dagen geen nieuws gedeeld.
reason-weather = Slecht weer vertraagt de bezorging.
reason-carrier_delay = De vervoerder loopt achter op schema.
reason-failed_attempt = De vervoerder heeft geprobeerd te bezorgen, maar niemand kon het pakket aannemen.
reason-address_problem = De vervoerder heeft een probleem met het bezorgadres.
reason-customs_payment = Er moeten douanekosten worden betaald voor de bezorging.
reason-customs_hold = Het pakket wordt tegengehouden door de douane.
reason-cash_on_delivery = Er moet bij de bezorging worden betaald.
reason-damaged = Het pakket is onderweg beschadigd.
reason-held = De vervoerder houdt het pakket vast.
reason-refused = De bezorging is geweigerd.
reason-lost = De vervoerder kan het pakket niet vinden.

updates = Updates
no-scans = Nog geen scans. Deze pagina wordt bijgewerkt zodra de vervoerder nieuws deelt.
step-preparing = In voorbereiding
preparing-late = Je bestelling duurt langer dan verwacht
preparing-rest = De rest van je bestelling wordt klaargemaakt
preparing-waiting = Wordt nog klaargemaakt
preparing-cancelled = Deze bestelling is geannuleerd
preparing-ships-by = Het zou uiterlijk { $date } de winkel moeten verlaten.
order-cancelled = Bestelling geannuleerd
order-cancelled-happened = De winkel heeft deze bestelling geannuleerd.
order-cancelled-next = Er wordt niets meer verzonden. Een eventuele terugbetaling komt van de winkel.
order-cancelled-todo = Had je dit niet verwacht, neem dan contact op met de winkel.
carrier-and-number = { $carrier } · Trackingnummer
tracking-number = Trackingnummer
carrier-site = Bekijk het op de website van { $carrier }
items = In deze bestelling
quantity = × { $quantity }

support-heading = Hulp nodig?
support-email = Mail naar { $email }
support-phone = Bel { $phone }
support-url = Bekijk onze hulppagina
faq-heading = Vragen en antwoorden
footer = Tracking door { $store }
skip-to-content = Naar de inhoud

not-found-title = We kunnen die pagina niet vinden
not-found-body = De link is misschien verkeerd getypt of niet meer actief. Zoek je een bestelling, gebruik dan de link in je verzendmail of neem contact op met de winkel waar je hebt besteld.
error-title = Er ging aan onze kant iets mis
error-body = Probeer het over een moment opnieuw.
too-large-title = Dat was meer dan deze pagina aankan
too-large-body = Wat je verstuurde is groter dan deze pagina accepteert. Ga terug, maak het korter en probeer het opnieuw.
bad-request-title = We konden dat niet lezen
bad-request-body = Wat je verstuurde kon niet worden gelezen. Ga terug en probeer het opnieuw.

date-event = %a %-d %b, %H:%M
date-day = %A %-d %B
date-day-short = %a %-d %b

lookup-title = Volg je bestelling · { $store }
lookup-heading = Volg je bestelling
lookup-intro = Vul je bestelnummer in en het e-mailadres of de postcode waarmee je hebt besteld.
lookup-order-number = Bestelnummer
lookup-contact = E-mailadres of postcode
lookup-submit = Zoek mijn bestelling
lookup-not-found = We konden geen bestelling vinden met deze gegevens. Controleer het bestelnummer en gebruik het e-mailadres of de postcode die je bij het afrekenen hebt opgegeven.
lookup-too-many = Te veel pogingen. Probeer het over { $wait } opnieuw.
lookup-number-too-long = Een bestelnummer heeft maximaal { $max } tekens.
lookup-contact-too-long = Een e-mailadres of postcode heeft maximaal { $max } tekens.
lookup-refused = Voor je veiligheid werkt dit formulier alleen vanaf deze pagina. Laad de pagina opnieuw en probeer het nog eens.
widget-order-hint = In de bevestigingsmail van je bestelling, bijv. #1001
widget-busy = Je bestelling wordt gezocht…
widget-opening = Gevonden. Je bestelling wordt geopend…
widget-network = De volgdienst is niet bereikbaar. Controleer je verbinding en probeer het opnieuw.
widget-failed = Er ging bij ons iets mis. Probeer het zo meteen opnieuw.

actions-heading = Iets nodig?
actions-intro = Laat { $store } iets weten over deze bezorging. Je krijgt antwoord per e-mail.
action-kind = Waar gaat het over?
action-parcel = Over welk pakket gaat het?
action-not_received = Ik heb het niet ontvangen
action-damaged = Het kwam beschadigd aan
action-wrong_address = Het adres klopt niet
action-reschedule = Bezorg het op een andere dag
action-redeliver = Graag nog een keer proberen te bezorgen
action-confirm_address = Mijn adres klopt, graag bezorgen
action-other = Iets anders
action-message = Nog iets toe te voegen? (optioneel)
action-submit = Versturen naar { $store }
action-sent = Bedankt. { $store } heeft je bericht ontvangen en antwoordt per e-mail.
action-too-many = Je hebt al meerdere berichten verstuurd. Wacht even voordat je er nog een stuurt.
action-too-long = Je bericht is te lang: het mag maximaal { $max } tekens hebben.
action-choose-parcel = Kies over welk pakket het gaat.
action-choose-kind = Kies waar het over gaat.
action-kind-unfit = Dat past niet bij het pakket dat je koos. Kies opnieuw waar het over gaat.

expired-title = Deze trackinglink is verlopen
expired-body = Voor je privacy werken trackinglinks een tijdje na de bezorging niet meer. Je kunt je bestelling nog steeds vinden met het bestelnummer en je e-mailadres.
expired-action = Zoek mijn bestelling

# Een link uit de eigen e-mail van het winkelplatform, voordat de bestelling bij wismo is.
order-ready-title = We maken je bestelling klaar
order-ready-body = { $store } heeft je bestelling en maakt die klaar. De trackingpagina opent hier zo meteen.
order-ready-later = Deze pagina vernieuwt niet vanzelf: kijk over een minuut opnieuw, of open later de link in je e-mail nog eens.
order-ready-check = Opnieuw kijken

# De afmeldpagina waar een update-e-mail naar linkt.
unsubscribe-title = Updates over bestellingen van { $store }
unsubscribe-ask = Geen e-mails meer over je bestellingen van { $store }? Je trackingpagina blijft werken.
unsubscribe-button = Afmelden
unsubscribe-done = Klaar: je krijgt geen update-e-mails meer van { $store }.
resubscribe-ask = Toch van gedachten veranderd? Je kunt weer update-e-mails van { $store } krijgen.
resubscribe-button = Stuur me weer updates
resubscribe-done = Klaar: je krijgt weer update-e-mails van { $store }.
unsubscribe-channels-ask = Of kies hoe { $store } je op de hoogte houdt:
unsubscribe-channel-email = E-mails naar { $contact }
unsubscribe-channel-sms = Sms'jes naar { $contact }
unsubscribe-channel-whatsapp = WhatsApp-berichten naar { $contact }
unsubscribe-channel-voice = Een telefoontje naar { $contact } als je iets moet doen
unsubscribe-channels-button = Mijn keuzes opslaan
unsubscribe-channels-done = Opgeslagen: { $store } bereikt je alleen nog op de manieren die je hebt aangevinkt.

# Wat de pagina zegt dat de klant moet doen terwijl het pakket onderweg is: een e-mail als
# de winkel die stuurt (todo-email-MILESTONE), anders dat de pagina zichzelf bijwerkt.
todo-page = Voorlopig niets. Deze pagina werkt zichzelf bij: kom terug wanneer je wilt.
todo-email-shipped = Voorlopig niets. We mailen je zodra het verzonden is.
todo-email-out_for_delivery = Voorlopig niets. We mailen je zodra het wordt bezorgd.

# De belofte bij het afrekenen op de eigen site van de winkel (data in het patroon `date-day-short`).
promise-arrives-on = Vandaag besteld, { $date } in huis
promise-arrives-between = Vandaag besteld, tussen { $from } en { $until } in huis
