# Noms des étapes et les trois réponses simples de chaque étape, en français.
# Chaque message est le nom de l'étape ; ses attributs répondent :
#   .happened  ce qui s'est passé
#   .next      ce qui va se passer
#   .todo      ce que vous devez faire
# Registre : vous.

stage-ordered = Commande confirmée
    .happened = La boutique a bien reçu votre commande et la prépare.
    .next = La boutique remettra votre colis au transporteur et vous enverra les informations de suivi.
    .todo = Rien à faire pour le moment. Nous vous préviendrons dès son expédition.

stage-pending = En attente du transporteur
    .happened = Votre colis a un numéro de suivi, mais le transporteur n'a encore partagé aucune information.
    .next = Les informations apparaissent généralement dans la journée qui suit la prise en charge du colis.
    .todo = Rien à faire pour le moment. Cette page se met à jour toute seule.

stage-info_received = Étiquette créée
    .happened = L'étiquette d'expédition est prête et le transporteur attend votre colis.
    .next = Le transporteur va récupérer le colis et l'acheminer jusqu'à vous.
    .todo = Rien à faire pour le moment. Nous vous préviendrons dès qu'il sera en route.

stage-in_transit = En route
    .happened = Le transporteur a pris en charge votre colis, qui est en route vers vous.
    .next = Il va passer par les centres du transporteur, puis partir en livraison.
    .todo = Rien à faire pour le moment. Nous vous préviendrons quand il sera en cours de livraison.

stage-out_for_delivery = En cours de livraison
    .happened = Votre colis est avec le livreur et devrait arriver aujourd'hui.
    .next = Le livreur vous le remettra, ou laissera un avis de passage s'il n'y a personne pour le recevoir.
    .todo = Si une signature est nécessaire, veillez à ce que quelqu'un soit présent pour le recevoir.

stage-available_for_pickup = Disponible au retrait
    .happened = Votre colis vous attend dans un point de retrait.
    .next = Il sera conservé pendant une durée limitée, puis renvoyé à la boutique.
    .todo = Retirez-le rapidement. Munissez-vous d'une pièce d'identité et de votre numéro de suivi ou code de retrait.

stage-delivered = Livré
    .happened = Votre colis a été livré.
    .next = Il n'y a plus rien à attendre du transporteur.
    .todo = Si vous ne le trouvez pas, regardez près de votre porte et dans votre boîte aux lettres, et demandez à vos voisins. S'il reste introuvable, signalez un problème.

stage-delayed = En retard
    .happened = Votre colis met plus de temps que prévu.
    .next = Le transporteur continue de s'en occuper et nous surveillons les mises à jour.
    .todo = Rien à faire pour l'instant. S'il n'avance pas dans les prochains jours, contactez la boutique.

stage-action_required = Action requise
    .happened = Le transporteur a besoin de quelque chose de votre part pour pouvoir livrer.
    .next = Le colis reste en attente jusqu'à ce que le problème soit réglé, puis la livraison reprend.
    .todo = Suivez les instructions du transporteur ou contactez la boutique dès que possible.

stage-exception = Problème de livraison
    .happened = Un problème est survenu avec votre colis pendant son trajet.
    .next = Le transporteur et la boutique examinent la situation.
    .todo = Contactez la boutique si elle ne vous a pas donné de nouvelles d'ici deux jours.

stage-returned = Retour à la boutique
    .happened = Votre colis est renvoyé à la boutique.
    .next = La boutique le recevra et vous contactera pour un remboursement ou un nouvel envoi.
    .todo = Contactez la boutique si vous souhaitez toujours recevoir cette commande.

stage-expired = Aucune mise à jour récente
    .happened = Le transporteur n'a rien partagé depuis longtemps, nous avons donc arrêté de vérifier.
    .next = Aucune autre mise à jour n'est attendue de la part du transporteur.
    .todo = Si vous n'avez pas reçu votre colis, contactez la boutique.

stage-cancelled = Envoi annulé
    .happened = La boutique a annulé cette étiquette d'expédition.
    .next = Si votre commande est toujours en route, vous recevrez un nouveau lien de suivi.
    .todo = Contactez la boutique si vous avez des questions sur votre commande.
