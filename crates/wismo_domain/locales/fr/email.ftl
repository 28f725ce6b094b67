# Les mots propres aux e-mails, en français. Les e-mails reprennent aussi des mots de la
# page (heading-*, delivered-on, estimate-window, items, quantity, action-*, date-*).
# wismo remplit les champs entre { $accolades } ; laissez-les tels quels.
# $scope vaut `all` quand l'e-mail concerne tous les colis de la commande, `some` quand
# il n'en concerne qu'une partie.

email-subject-shipped = { $scope ->
    [some] Une partie de votre commande { $number } est expédiée
   *[all] Votre commande { $number } est expédiée
}
email-subject-in_transit = { $scope ->
    [some] Une partie de votre commande { $number } est en route
   *[all] Votre commande { $number } est en route
}
email-subject-out_for_delivery = { $scope ->
    [some] Une partie de votre commande { $number } est en cours de livraison
   *[all] Votre commande { $number } est en cours de livraison
}
email-subject-delivered = { $scope ->
    [some] Une partie de votre commande { $number } a été livrée
   *[all] Votre commande { $number } a été livrée
}
email-subject-delayed = { $scope ->
    [some] Une partie de votre commande { $number } a du retard
   *[all] Votre commande { $number } a du retard
}
email-subject-action_required = { $scope ->
    [some] Action requise pour une partie de votre commande { $number }
   *[all] Action requise pour votre commande { $number }
}
email-subject-exception = { $scope ->
    [some] Un problème avec une partie de votre commande { $number }
   *[all] Un problème avec votre commande { $number }
}
email-subject-returned = { $scope ->
    [some] Une partie de votre commande { $number } repart chez le vendeur
   *[all] Votre commande { $number } repart chez le vendeur
}
email-subject-available_for_pickup = { $scope ->
    [some] Une partie de votre commande { $number } est prête à être retirée
   *[all] Votre commande { $number } est prête à être retirée
}
email-subject-delivery_date_changed = Nouvelle date de livraison pour votre commande { $number }
email-subject-order_confirmed = Nous avons bien reçu votre commande { $number }
email-subject-fulfillment_stalled = L'expédition de votre commande { $number } prend du retard
email-subject-tracking_link = Suivez votre commande { $number } ici
email-subject-request_answered = À propos de votre demande pour la commande { $number }

email-heading-shipped = Votre commande est expédiée
email-heading-in_transit = Votre commande est en route
email-heading-out_for_delivery = En cours de livraison aujourd'hui
email-heading-delivered = Livré
email-heading-delayed = Livraison retardée
email-heading-action_required = Le transporteur a besoin de vous
email-heading-exception = Il y a un problème avec la livraison
email-heading-returned = Retour chez le vendeur
email-heading-available_for_pickup = Prêt à être retiré
email-heading-delivery_date_changed = Une nouvelle date de livraison
email-heading-order_confirmed = Merci pour votre commande
email-heading-fulfillment_stalled = Votre commande prend plus de temps
email-heading-tracking_link = La page de suivi de votre commande
email-heading-request_answered = Une réponse à votre demande

# Les trois réponses des moments qui ne sont pas l'étape d'un colis.
email-happened-delivery_date_changed = La date de livraison prévue de votre commande a changé.
email-next-delivery_date_changed = Le transporteur continue d'acheminer votre colis. Nous vous préviendrons si la date change encore.
email-todo-delivery_date_changed = Rien pour l'instant. Si vous en avez besoin pour un jour précis, contactez la boutique.
email-happened-fulfillment_stalled = Votre commande n'est pas encore expédiée, plus tard que prévu.
email-next-fulfillment_stalled = La boutique la prépare et vous enverra les informations de suivi à l'expédition.
email-todo-fulfillment_stalled = Rien pour l'instant. Pour toute question, contactez la boutique.

email-opening-named = Bonjour { $name }, voici des nouvelles de votre commande { $number } chez { $store }.
email-opening = Bonjour, voici des nouvelles de votre commande { $number } chez { $store }.
email-note = { $store } a écrit :

# Une ligne pour les commandes en plusieurs colis, selon l'étape : « Colis livrés : 2 sur 3 ».
email-parcels-reached = { $milestone ->
    [shipped] Colis expédiés : { $reached } sur { $count }
    [in_transit] Colis en route : { $reached } sur { $count }
    [out_for_delivery] Colis en cours de livraison : { $reached } sur { $count }
    [delivered] Colis livrés : { $reached } sur { $count }
    [available_for_pickup] Colis prêts à être retirés : { $reached } sur { $count }
   *[other] { $label } : { $reached } colis sur { $count }
}
email-parcels-heading = Vos colis
email-parcel-line = { $carrier } { $tracking } : { $label }

email-expected = Livraison prévue : { $date }
email-date-changed = Elle était prévue le { $before }. Elle est maintenant attendue : { $after }.

email-track = Suivre ma commande
email-why = Vous recevez cet e-mail parce que vous avez commandé chez { $store }.
email-unsubscribe = Ne plus recevoir les suivis de livraison par e-mail
email-support = Des questions ? Écrivez à { $email }.

# E-mails destinés à la boutique.
email-why-merchant = Vous recevez cet e-mail parce que cette adresse reçoit les notifications wismo de { $store }.
email-open = Ouvrir dans wismo

email-request-subject = Nouvelle demande concernant la commande { $number }
email-request-heading = Un client a besoin de vous
email-request-from-named = { $name } a écrit au sujet de la commande { $number }.
email-request-from = Un client a écrit au sujet de la commande { $number }.
email-request-kind = Objet : { $kind }
email-request-message = Son message :
email-request-no-message = Il n'a pas ajouté de message.
email-request-reply = Répondre à { $email }.

email-digest-subject = Colis à surveiller chez { $store }
email-digest-heading = Colis à surveiller
email-digest-intro = Ces colis sont en retard, bloqués ou attendent une action du client.
email-digest-line = Commande { $number } · { $carrier } { $tracking } · { $label } depuis le { $date }
email-digest-unshipped-intro = Commandes non expédiées à temps :
email-digest-unshipped = Commande { $number } du { $date } : pas encore de colis
email-digest-more = …et { $count } de plus.

email-endpoint-subject = Un endpoint webhook de { $store } a été désactivé
email-endpoint-heading = Les envois de webhooks sont arrêtés
email-endpoint-body = wismo n'envoie plus d'événements à { $url } : les envois échouent depuis le { $date }.
email-endpoint-error = Dernière erreur : { $error }
email-endpoint-todo = Corrigez l'endpoint, puis ajoutez-le à nouveau (POST /api/v1/webhook-endpoints) : un endpoint désactivé ne reçoit plus d'événements.

email-test-subject = E-mail de test de wismo pour { $store }
email-test-heading = Ça marche
email-test-body = Ceci est un test envoyé par wismo. Si vous le lisez, les e-mails de { $store } arrivent bien à cette adresse.

email-reset-subject = Choisissez un nouveau mot de passe pour { $store } sur wismo
email-reset-heading = Choisissez un nouveau mot de passe
email-reset-body = Quelqu'un, sans doute vous, a demandé un nouveau mot de passe pour votre compte de { $store }. Le lien sert une seule fois, pendant une heure.
email-reset-button = Choisir un nouveau mot de passe
email-reset-ignore = Si ce n'était pas vous, ignorez cet e-mail : votre mot de passe reste le même.
email-invite-subject = { $email } vous invite sur { $store } dans wismo
email-invite-heading = Vous êtes invité
email-invite-body = { $email } vous invite à aider à gérer { $store } sur wismo, où ses commandes et ses colis sont suivis. Le lien sert une seule fois, pendant 7 jours.
email-invite-button = Choisir votre mot de passe
email-invite-ignore = Si vous ne savez pas de quoi il s'agit, ignorez cet e-mail : rien ne se passe sans vous.
email-why-account = Vous recevez cet e-mail en raison de votre compte de { $store } sur wismo.
