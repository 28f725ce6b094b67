# Las palabras propias de los correos, en español. Los correos también usan algunas
# palabras de la página (heading-*, delivered-on, estimate-window, items, quantity,
# action-*, date-*).
# wismo rellena los marcadores entre { $llaves }; déjalos como están.
# $scope es `all` cuando el correo trata de todos los paquetes del pedido y `some`
# cuando solo trata de algunos.

email-subject-shipped = { $scope ->
    [some] Parte de tu pedido { $number } ya se ha enviado
   *[all] Tu pedido { $number } ya se ha enviado
}
email-subject-in_transit = { $scope ->
    [some] Parte de tu pedido { $number } está en camino
   *[all] Tu pedido { $number } está en camino
}
email-subject-out_for_delivery = { $scope ->
    [some] Parte de tu pedido { $number } está en reparto
   *[all] Tu pedido { $number } está en reparto
}
email-subject-delivered = { $scope ->
    [some] Parte de tu pedido { $number } se ha entregado
   *[all] Tu pedido { $number } se ha entregado
}
email-subject-delayed = { $scope ->
    [some] Parte de tu pedido { $number } se está retrasando
   *[all] Tu pedido { $number } se está retrasando
}
email-subject-action_required = { $scope ->
    [some] Parte de tu pedido { $number } necesita tu ayuda
   *[all] Tu pedido { $number } necesita tu ayuda
}
email-subject-exception = { $scope ->
    [some] Un problema con parte de tu pedido { $number }
   *[all] Un problema con tu pedido { $number }
}
email-subject-returned = { $scope ->
    [some] Parte de tu pedido { $number } vuelve a la tienda
   *[all] Tu pedido { $number } vuelve a la tienda
}
email-subject-available_for_pickup = { $scope ->
    [some] Parte de tu pedido { $number } está listo para recoger
   *[all] Tu pedido { $number } está listo para recoger
}
email-subject-delivery_date_changed = Nueva fecha de entrega para tu pedido { $number }
email-subject-order_confirmed = Hemos recibido tu pedido { $number }
email-subject-fulfillment_stalled = Tu pedido { $number } tarda más en salir
email-subject-tracking_link = Sigue tu pedido { $number } aquí
email-subject-request_answered = Sobre tu solicitud del pedido { $number }

email-heading-shipped = Tu pedido ya se ha enviado
email-heading-in_transit = Tu pedido está en camino
email-heading-out_for_delivery = Hoy está en reparto
email-heading-delivered = Entregado
email-heading-delayed = Va con retraso
email-heading-action_required = La empresa de transporte necesita algo de ti
email-heading-exception = Hay un problema con la entrega
email-heading-returned = Vuelve a la tienda
email-heading-available_for_pickup = Listo para recoger
email-heading-delivery_date_changed = Una nueva fecha de entrega
email-heading-order_confirmed = Gracias por tu pedido
email-heading-fulfillment_stalled = Tu pedido está tardando más
email-heading-tracking_link = La página de seguimiento de tu pedido
email-heading-request_answered = Una respuesta a tu solicitud

# Las tres respuestas de los momentos que no son la etapa de un paquete.
email-happened-delivery_date_changed = La fecha de entrega prevista de tu pedido ha cambiado.
email-next-delivery_date_changed = La empresa de transporte sigue moviendo tu paquete. Te avisaremos si la fecha vuelve a cambiar.
email-todo-delivery_date_changed = Nada por ahora. Si lo necesitas para un día concreto, contacta con la tienda.
email-happened-fulfillment_stalled = Tu pedido aún no se ha enviado y ya lleva más tiempo del previsto.
email-next-fulfillment_stalled = La tienda lo está preparando y te enviará los datos de seguimiento cuando salga.
email-todo-fulfillment_stalled = Nada por ahora. Si tienes preguntas, contacta con la tienda.

email-opening-named = Hola, { $name }: tenemos novedades sobre tu pedido { $number } de { $store }.
email-opening = Hola: tenemos novedades sobre tu pedido { $number } de { $store }.
email-note = { $store } escribió:

# Una línea para pedidos en varios paquetes, según el hito: "2 de 3 paquetes entregados".
email-parcels-reached = { $milestone ->
    [shipped] Paquetes enviados: { $reached } de { $count }
    [in_transit] Paquetes en camino: { $reached } de { $count }
    [out_for_delivery] Paquetes en reparto: { $reached } de { $count }
    [delivered] Paquetes entregados: { $reached } de { $count }
    [available_for_pickup] Paquetes listos para recoger: { $reached } de { $count }
   *[other] { $label }: { $reached } de { $count } paquetes
}
email-parcels-heading = Tus paquetes
email-parcel-line = { $carrier } { $tracking }: { $label }

email-expected = Entrega prevista: { $date }
email-date-changed = Estaba prevista para el { $before }. Ahora se espera: { $after }.

email-track = Sigue tu pedido
email-why = Recibes este correo porque hiciste un pedido en { $store }.
email-unsubscribe = No quiero más avisos de envío por correo
email-support = ¿Tienes preguntas? Escribe a { $email }.

# Correos para la tienda.
email-why-merchant = Recibes este correo porque esta dirección recibe los avisos de wismo para { $store }.
email-open = Abrir en wismo

email-request-subject = Nueva solicitud sobre el pedido { $number }
email-request-heading = Un cliente necesita algo
email-request-from-named = { $name } ha escrito sobre el pedido { $number }.
email-request-from = Un cliente ha escrito sobre el pedido { $number }.
email-request-kind = Asunto: { $kind }
email-request-message = Su mensaje:
email-request-no-message = No ha añadido ningún mensaje.
email-request-reply = Responde a { $email }.

email-digest-subject = Paquetes que requieren atención en { $store }
email-digest-heading = Paquetes que requieren atención
email-digest-intro = Estos paquetes van con retraso, están parados o esperan al cliente.
email-digest-line = Pedido { $number } · { $carrier } { $tracking } · { $label } desde el { $date }
email-digest-unshipped-intro = Pedidos que no se han enviado a tiempo:
email-digest-unshipped = Pedido { $number }, del { $date }: aún sin paquete
email-digest-more = …y { $count } más.

email-endpoint-subject = Se ha desactivado un endpoint de webhook de { $store }
email-endpoint-heading = Se han detenido los envíos de webhooks
email-endpoint-body = wismo ha dejado de enviar eventos a { $url }: los envíos fallan desde el { $date }.
email-endpoint-error = Último error: { $error }
email-endpoint-todo = Corrige el endpoint y vuelve a darlo de alta (POST /api/v1/webhook-endpoints): un endpoint desactivado ya no recibe eventos.

email-test-subject = Correo de prueba de wismo para { $store }
email-test-heading = Funciona
email-test-body = Esto es una prueba de wismo. Si puedes leerla, los correos de { $store } llegan a esta dirección.

email-reset-subject = Elige una contraseña nueva para { $store } en wismo
email-reset-heading = Elige una contraseña nueva
email-reset-body = Alguien, esperamos que tú, ha pedido una contraseña nueva para tu cuenta de { $store }. El enlace sirve una sola vez, durante una hora.
email-reset-button = Elegir una contraseña nueva
email-reset-ignore = Si no has sido tú, ignora este email: tu contraseña sigue igual.
email-invite-subject = { $email } te ha invitado a { $store } en wismo
email-invite-heading = Te han invitado
email-invite-body = { $email } te ha invitado a ayudar a gestionar { $store } en wismo, donde se siguen sus pedidos y paquetes. El enlace sirve una sola vez, durante 7 días.
email-invite-button = Elegir tu contraseña
email-invite-ignore = Si no sabes de qué se trata, ignora este email: no pasará nada sin ti.
email-why-account = Recibes este email por tu cuenta de { $store } en wismo.
