# Les textes de la page de suivi, en français.
# wismo remplit les marqueurs entre { $accolades } ; laissez-les tels quels.
# Les messages `date-*` sont des modèles de date (strftime) : %A jour de la semaine, %a jour abrégé,
# %-d jour, %B mois, %b mois abrégé, %H:%M heure. Ordonnez-les comme votre langue écrit les dates.
# Registre : vous.

page-title = Commande { $number } · { $store }
greeting-named = { $name }, voici votre commande { $number }
greeting = Votre commande { $number }
parcel-count = Cette commande est envoyée en { $count } colis.
parcel-heading = Colis { $index } sur { $count }

heading-happened = Ce qui s'est passé
heading-next = Ce qui va se passer
heading-todo = Ce que vous devez faire

progress = Progression
step-ordered = Commandé
step-shipped = Expédié
step-in_transit = En route
step-out_for_delivery = En cours de livraison
step-delivered = Livré
step-current = (étape en cours)

estimate-heading = Livraison prévue
estimate-window = { $from } – { $until }
estimate-by-carrier = Date indiquée par { $carrier }.
estimate-predicted = Notre estimation d'après les livraisons récentes.
estimate-unknown = Nous afficherons une date de livraison dès que nous pourrons l'estimer.
delivered-on = Livré le { $date }

# L'en-tête d'un colis : son statut et sa date en une phrase.
hero-arriving = Arrive le { $date }
hero-arriving-window = Arrive entre le { $from } et le { $until }
hero-arriving-by = Arrive au plus tard le { $date }
hero-out-for-delivery = En cours de livraison aujourd'hui
hero-unknown = En route
hero-was-due = Était attendu le { $date }
estimate-stale = Il a pris du retard. Nous afficherons la nouvelle date dès que le transporteur la donnera.
hero-delivered = Livré le { $date }
hero-carrier-note = Note du transporteur : { $note }
hero-pickup = Prêt à être retiré
hero-pickup-since = Prêt à être retiré depuis le { $date }
hero-pickup-at = Chez { $place }
hero-pickup-until = Prêt à être retiré jusqu'au { $date }
hero-next-attempt = Le transporteur réessaiera le { $date }.
fact-pickup = Point de retrait
fact-hours = Horaires
fact-amount-due = Montant à payer
fact-left-at = Déposé
fact-signed-by = Signé par
do-pay-amount = Payer { $amount } sur le site de { $carrier }
rating-question = Comment s'est passée la livraison ?
rating-scale = 1 : mauvaise, 5 : excellente
rating-score = { $score } sur 5
rating-given = Vous avez noté cette livraison { $score } sur 5. Touchez un autre chiffre pour changer.
rating-too-many = Vous avez déjà noté plusieurs fois. Patientez un peu avant de noter à nouveau.
returns-heading = Retours
returns-start = Faire un retour
hero-returned = En retour vers { $store }
hero-cancelled = Annulé
hero-expired = Aucune nouvelle du transporteur depuis longtemps
hero-preparing = Votre commande est en préparation
hero-exception = Livraison suspendue
hero-action_required = Le transporteur a besoin de vous
hero-delayed = En retard
hero-delayed-until = En retard : attendu d'ici le { $date }
hero-first-due = Il était d'abord attendu le { $date }.
do-pay-duties = Payer les frais d'importation sur le site de { $carrier }
do-rearrange = Reprogrammer la livraison sur le site de { $carrier }
do-redeliver = Demander une nouvelle livraison
do-address = Corriger l'adresse
do-map = Voir le point de retrait sur une carte
do-not-received = Indiqué comme livré, mais je ne l'ai pas
date-delivered = %A %-d %B, %H:%M
step-problem = (problème à cette étape)
step-returning = Retour
step-ready_for_pickup = À retirer
step-collected = Retiré
updates-show-all = Voir les { $count } mises à jour
updates-zone = Heures de { $zone } ({ $abbreviation }).
scan-label_created = Étiquette d'expédition créée
scan-picked_up = Pris en charge par le transporteur
scan-arrived = Arrivé dans un centre du transporteur
scan-departed = Parti d'un centre du transporteur
scan-processed = Trié dans un centre du transporteur
scan-customs = Dédouanement
scan-in_transit = En route
scan-out_for_delivery = En cours de livraison
scan-attempted = Tentative de livraison
scan-at_pickup_point = Prêt à être retiré
scan-delivered = Livré
scan-returning = En retour vers l'expéditeur
scan-delayed = Retardé
scan-problem = Un problème a été signalé

banner-delayed = Votre colis a du retard
banner-action_required = Le transporteur a besoin de quelque chose de votre part
banner-exception = Il y a un problème avec cette livraison
reason-past_estimate = Il n'est pas arrivé à la date prévue.
reason-no_scans = Le transporteur n'a rien partagé depuis quelques jours.
reason-weather = Le mauvais temps ralentit les livraisons.
reason-carrier_delay = Le transporteur a pris du retard.
reason-failed_attempt = Le transporteur a tenté de livrer, mais personne n'a pu recevoir le colis.
reason-address_problem = Le transporteur rencontre un problème avec l'adresse de livraison.
reason-customs_payment = Des frais de douane doivent être payés avant la livraison.
reason-customs_hold = Le colis est retenu en douane.
reason-cash_on_delivery = Le paiement se fait à la livraison.
reason-damaged = Le colis a été endommagé pendant le trajet.
reason-held = Le colis est retenu par le transporteur.
reason-refused = La livraison a été refusée.
reason-lost = Le transporteur ne retrouve pas le colis.

updates = Mises à jour
no-scans = Pas encore d'informations de suivi. Cette page se met à jour dès que le transporteur partage du nouveau.
step-preparing = En préparation
preparing-late = Votre commande prend plus de temps que prévu
preparing-rest = Le reste de votre commande est en préparation
preparing-waiting = Encore en préparation
preparing-cancelled = Cette commande a été annulée
preparing-ships-by = Elle devrait quitter la boutique d'ici le { $date }.
order-cancelled = Commande annulée
order-cancelled-happened = La boutique a annulé cette commande.
order-cancelled-next = Rien d'autre ne sera expédié. Un éventuel remboursement vient de la boutique.
order-cancelled-todo = Si vous ne vous y attendiez pas, contactez la boutique.
carrier-and-number = { $carrier } · Numéro de suivi
tracking-number = Numéro de suivi
carrier-site = Voir sur le site de { $carrier }
items = Dans cette commande
quantity = × { $quantity }

support-heading = Besoin d'aide ?
support-email = Écrire à { $email }
support-phone = Appeler le { $phone }
support-url = Consulter notre page d'aide
faq-heading = Questions fréquentes
footer = Suivi proposé par { $store }
skip-to-content = Aller au contenu

not-found-title = Nous ne trouvons pas cette page
not-found-body = Le lien est peut-être mal saisi ou n'est plus actif. Si vous cherchez une commande, utilisez le lien de votre e-mail d'expédition ou contactez la boutique où vous avez commandé.
error-title = Un problème est survenu de notre côté
error-body = Veuillez réessayer dans un instant.
too-large-title = C'est plus que ce que cette page accepte
too-large-body = Ce qui a été envoyé dépasse ce que cette page accepte. Veuillez revenir en arrière, raccourcir et réessayer.
bad-request-title = Nous n'avons pas pu lire cette demande
bad-request-body = Ce qui a été envoyé n'a pas pu être lu. Veuillez revenir en arrière et réessayer.

date-event = %a %-d %b, %H:%M
date-day = %A %-d %B
date-day-short = %a %-d %b

lookup-title = Suivre votre commande · { $store }
lookup-heading = Suivre votre commande
lookup-intro = Saisissez votre numéro de commande et l'adresse e-mail ou le code postal indiqués lors de votre commande.
lookup-order-number = Numéro de commande
lookup-contact = E-mail ou code postal
lookup-submit = Trouver ma commande
lookup-not-found = Nous n'avons trouvé aucune commande correspondant à ces informations. Vérifiez le numéro de commande et utilisez l'adresse e-mail ou le code postal indiqués lors de votre commande.
lookup-too-many = Trop de tentatives. Veuillez réessayer dans { $wait }.
lookup-number-too-long = Un numéro de commande comporte au plus { $max } caractères.
lookup-contact-too-long = Une adresse e-mail ou un code postal comporte au plus { $max } caractères.
lookup-refused = Pour votre sécurité, ce formulaire ne fonctionne que depuis cette page. Veuillez la recharger et réessayer.
widget-order-hint = Dans l’e-mail de confirmation de votre commande, p. ex. #1001
widget-busy = Recherche de votre commande…
widget-opening = Trouvée. Ouverture de votre commande…
widget-network = Impossible de joindre le service de suivi. Vérifiez votre connexion et réessayez.
widget-failed = Un problème est survenu de notre côté. Veuillez réessayer dans un instant.

actions-heading = Besoin de quelque chose ?
actions-intro = Signalez à { $store } ce qui se passe avec cette livraison. Vous recevrez une réponse par e-mail.
action-kind = De quoi s'agit-il ?
action-parcel = De quel colis s'agit-il ?
action-not_received = Je ne l'ai pas reçu
action-damaged = Il est arrivé endommagé
action-wrong_address = L'adresse est incorrecte
action-reschedule = Je préfère le recevoir un autre jour
action-redeliver = Je souhaite une nouvelle tentative de livraison
action-confirm_address = Mon adresse est correcte, merci de livrer
action-other = Autre chose
action-message = Quelque chose à ajouter ? (facultatif)
action-submit = Envoyer à { $store }
action-sent = Merci. { $store } a bien reçu votre message et vous répondra par e-mail.
action-too-many = Vous avez déjà envoyé plusieurs messages. Veuillez patienter un peu avant d'en envoyer un autre.
action-too-long = Votre message est trop long : il peut comporter au plus { $max } caractères.
action-choose-parcel = Veuillez choisir le colis concerné.
action-choose-kind = Veuillez choisir de quoi il s'agit.
action-kind-unfit = Ce choix ne correspond pas au colis choisi. Veuillez choisir à nouveau de quoi il s'agit.

expired-title = Ce lien de suivi a expiré
expired-body = Pour protéger votre vie privée, les liens de suivi cessent de fonctionner quelque temps après la livraison. Vous pouvez toujours retrouver votre commande avec son numéro et votre adresse e-mail.
expired-action = Trouver ma commande

# A link from the store platform's own email, before the order reached wismo.
order-ready-title = Nous préparons votre commande
order-ready-body = { $store } a bien reçu votre commande et la prépare. Sa page de suivi s'ouvrira ici dans un instant.
order-ready-later = Cette page ne se met pas à jour d'elle-même : vérifiez à nouveau dans une minute, ou rouvrez plus tard le lien de votre e-mail.
order-ready-check = Vérifier à nouveau

# The unsubscribe page an update email links to.
unsubscribe-title = Suivi de vos commandes chez { $store }
unsubscribe-ask = Ne plus recevoir d'e-mails sur vos commandes chez { $store } ? Votre page de suivi reste disponible.
unsubscribe-button = Me désabonner
unsubscribe-done = C'est fait : vous ne recevrez plus d'e-mails de suivi de { $store }.
resubscribe-ask = Vous avez changé d'avis ? Vous pouvez de nouveau recevoir les e-mails de suivi de { $store }.
resubscribe-button = Recevoir de nouveau les e-mails
resubscribe-done = C'est fait : vous recevrez de nouveau les e-mails de suivi de { $store }.
unsubscribe-channels-ask = Ou choisissez comment { $store } vous tient au courant :
unsubscribe-channel-email = E-mails à { $contact }
unsubscribe-channel-sms = SMS au { $contact }
unsubscribe-channel-whatsapp = Messages WhatsApp au { $contact }
unsubscribe-channel-voice = Un appel au { $contact } quand vous devez agir
unsubscribe-channels-button = Enregistrer mes choix
unsubscribe-channels-done = Enregistré : { $store } ne vous contactera que par les moyens cochés.

# Ce que la page dit de faire pendant que le colis est en route.
todo-page = Rien pour l'instant. Cette page se met à jour toute seule : revenez quand vous voulez.
todo-email-shipped = Rien pour l'instant. Nous vous écrirons dès qu'il sera expédié.
todo-email-out_for_delivery = Rien pour l'instant. Nous vous écrirons dès qu'il sera en cours de livraison.

# The promise at checkout on the store's own site (dates in the `date-day-short` pattern).
promise-arrives-on = Commandez aujourd'hui, livré le { $date }
promise-arrives-between = Commandez aujourd'hui, livré entre le { $from } et le { $until }
