# Namen van de fasen en de drie eenvoudige antwoorden voor elke fase, in het Nederlands.
# Elke melding is de naam van de fase; de attributen beantwoorden:
#   .happened  wat er is gebeurd
#   .next      wat er hierna gebeurt
#   .todo      wat je moet doen
# Aanspreekvorm: je.

stage-ordered = Bestelling bevestigd
    .happened = De winkel heeft je bestelling ontvangen en maakt die klaar.
    .next = De winkel geeft je pakket aan de vervoerder en stuurt je de trackinggegevens.
    .todo = Voorlopig niets. We laten het je weten zodra het verzonden is.

stage-pending = Wachten op de vervoerder
    .happened = Je pakket heeft een trackingnummer, maar de vervoerder heeft nog geen updates gedeeld.
    .next = Updates verschijnen meestal binnen een dag nadat de vervoerder het pakket heeft opgehaald.
    .todo = Voorlopig niets. Deze pagina werkt zichzelf bij.

stage-info_received = Verzendlabel aangemaakt
    .happened = Het verzendlabel is klaar en de vervoerder weet dat je pakket eraan komt.
    .next = De vervoerder haalt het pakket op en brengt het naar je toe.
    .todo = Voorlopig niets. We laten het je weten zodra het onderweg is.

stage-in_transit = Onderweg
    .happened = De vervoerder heeft je pakket en het is onderweg naar jou.
    .next = Het gaat door het netwerk van de vervoerder en wordt daarna bezorgd.
    .todo = Voorlopig niets. We laten het je weten wanneer het wordt bezorgd.

stage-out_for_delivery = Wordt vandaag bezorgd
    .happened = Je pakket is bij de bezorger en komt vandaag aan.
    .next = De bezorger levert het af, of laat een bericht achter als niemand het kan aannemen.
    .todo = Is er een handtekening nodig, zorg dan dat er iemand thuis is om het aan te nemen.

stage-available_for_pickup = Klaar om op te halen
    .happened = Je pakket ligt voor je klaar bij een afhaalpunt.
    .next = Het blijft daar een beperkte tijd liggen en gaat daarna terug naar de winkel.
    .todo = Haal het snel op. Neem een identiteitsbewijs en je trackingnummer of ophaalcode mee.

stage-delivered = Bezorgd
    .happened = Je pakket is bezorgd.
    .next = Er wordt niets meer verwacht van de vervoerder.
    .todo = Kun je het niet vinden? Kijk bij je deur, in je brievenbus en bij de buren, en meld daarna een probleem.

stage-delayed = Vertraagd
    .happened = Je pakket doet er langer over dan verwacht.
    .next = De vervoerder is er nog mee bezig en wij blijven op updates letten.
    .todo = Je hoeft nog niets te doen. Beweegt het de komende dagen niet, neem dan contact op met de winkel.

stage-action_required = Actie nodig
    .happened = De vervoerder heeft iets van je nodig voordat het pakket bezorgd kan worden.
    .next = Het pakket wacht tot het probleem is opgelost, daarna gaat de bezorging verder.
    .todo = Volg de instructies van de vervoerder of neem zo snel mogelijk contact op met de winkel.

stage-exception = Probleem met de bezorging
    .happened = Er is onderweg iets misgegaan met je pakket.
    .next = De vervoerder en de winkel zoeken het uit.
    .todo = Neem contact op met de winkel als je binnen twee dagen niets van ze hebt gehoord.

stage-returned = Terug naar afzender
    .happened = Je pakket wordt teruggestuurd naar de winkel.
    .next = De winkel ontvangt het en neemt contact met je op over een terugbetaling of een nieuwe zending.
    .todo = Neem contact op met de winkel als je deze bestelling nog wilt hebben.

stage-expired = Geen recente updates
    .happened = De vervoerder heeft lange tijd geen updates gedeeld, dus we zijn gestopt met controleren.
    .next = Er worden geen nieuwe updates van de vervoerder meer verwacht.
    .todo = Heb je je pakket niet ontvangen, neem dan contact op met de winkel.

stage-cancelled = Zending geannuleerd
    .happened = De winkel heeft dit verzendlabel geannuleerd.
    .next = Is je bestelling nog onderweg, dan krijg je een nieuwe trackinglink.
    .todo = Neem contact op met de winkel als je vragen hebt over je bestelling.
