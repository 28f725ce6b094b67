# Los textos de la página de seguimiento, en español.
# wismo rellena los marcadores entre { $llaves }; déjalos tal cual.
# Los mensajes `date-*` son patrones de fecha (strftime): %A día de la semana, %a día abreviado,
# %-d día, %B mes, %b mes abreviado, %H:%M hora. Ordénalos como se escriben las fechas en tu idioma.
# Registro: tú, español neutro.

page-title = Pedido { $number } · { $store }
greeting-named = { $name }, aquí tienes tu pedido { $number }
greeting = Tu pedido { $number }
parcel-count = Este pedido se envía en { $count } paquetes.
parcel-heading = Paquete { $index } de { $count }

heading-happened = Qué ha pasado
heading-next = Qué pasa ahora
heading-todo = Qué tienes que hacer

progress = Progreso
step-ordered = Pedido
step-shipped = Enviado
step-in_transit = En camino
step-out_for_delivery = En reparto
step-delivered = Entregado
step-current = (paso actual)

estimate-heading = Entrega prevista
estimate-window = { $from } – { $until }
estimate-by-carrier = Fecha indicada por { $carrier }.
estimate-predicted = Nuestra estimación según entregas recientes.
estimate-unknown = Te mostraremos una fecha de entrega en cuanto podamos calcularla.
delivered-on = Entregado el { $date }

# La cabecera de un paquete: su estado y su fecha en una frase.
hero-arriving = Llega el { $date }
hero-arriving-window = Llega entre el { $from } y el { $until }
hero-arriving-by = Llega como tarde el { $date }
hero-out-for-delivery = En reparto hoy
hero-unknown = En camino
hero-was-due = Debía llegar el { $date }
estimate-stale = Va con retraso. Mostraremos la nueva fecha en cuanto el transportista la indique.
hero-delivered = Entregado el { $date }
hero-carrier-note = Nota del transportista: { $note }
hero-pickup = Listo para recoger
hero-pickup-since = Listo para recoger desde el { $date }
hero-pickup-at = En { $place }
hero-pickup-until = Listo para recoger hasta el { $date }
hero-next-attempt = El transportista lo intentará de nuevo el { $date }.
fact-pickup = Punto de recogida
fact-hours = Horario
fact-amount-due = Importe a pagar
fact-left-at = Dejado en
fact-signed-by = Firmado por
do-pay-amount = Pagar { $amount } en la web de { $carrier }
rating-question = ¿Qué tal la entrega?
rating-scale = 1 es mala, 5 es excelente
rating-score = { $score } de 5
rating-given = Has valorado esta entrega con { $score } de 5. Toca otro número para cambiarlo.
rating-too-many = Ya has valorado varias veces. Espera un poco antes de volver a valorar.
returns-heading = Devoluciones
returns-start = Iniciar una devolución
hero-returned = De vuelta a { $store }
hero-cancelled = Cancelado
hero-expired = Sin noticias del transportista desde hace tiempo
hero-preparing = Estamos preparando tu pedido
hero-exception = Entrega detenida
hero-action_required = El transportista te necesita
hero-delayed = Con retraso
hero-delayed-until = Con retraso: ahora previsto como tarde el { $date }
hero-first-due = Al principio se esperaba el { $date }.
do-pay-duties = Pagar los gastos de importación en la web de { $carrier }
do-rearrange = Reprogramar la entrega en la web de { $carrier }
do-redeliver = Pedir otra entrega
do-address = Corregir la dirección
do-map = Ver el punto de recogida en un mapa
do-not-received = Dice entregado, pero no lo tengo
date-delivered = %A %-d de %B, %H:%M
step-problem = (problema en este paso)
step-returning = Devolución
step-ready_for_pickup = Para recoger
step-collected = Recogido
updates-show-all = Ver las { $count } actualizaciones
updates-zone = Horas de { $zone } ({ $abbreviation }).
scan-label_created = Etiqueta de envío creada
scan-picked_up = Recogido por el transportista
scan-arrived = Llegó a un centro del transportista
scan-departed = Salió de un centro del transportista
scan-processed = Clasificado en un centro del transportista
scan-customs = Despacho de aduanas
scan-in_transit = En camino
scan-out_for_delivery = En reparto
scan-attempted = Intento de entrega
scan-at_pickup_point = Listo para recoger
scan-delivered = Entregado
scan-returning = De vuelta al remitente
scan-delayed = Con retraso
scan-problem = Se ha comunicado un problema

banner-delayed = Tu paquete lleva retraso
banner-action_required = El transportista necesita algo de ti
banner-exception = Hay un problema con esta entrega
reason-past_estimate = No ha llegado en la fecha prevista.
reason-no_scans = El transportista lleva unos días sin compartir novedades.
reason-weather = El mal tiempo está retrasando las entregas.
reason-carrier_delay = El transportista va con retraso.
reason-failed_attempt = El transportista intentó hacer la entrega, pero no había nadie para recibir el paquete.
reason-address_problem = El transportista tiene un problema con la dirección de entrega.
reason-customs_payment = Hay que pagar los gastos de aduana antes de la entrega.
reason-customs_hold = El paquete está retenido en la aduana.
reason-cash_on_delivery = Hay que pagar en el momento de la entrega.
reason-damaged = El paquete se dañó por el camino.
reason-held = El transportista tiene el paquete retenido.
reason-refused = Se rechazó la entrega.
reason-lost = El transportista no encuentra el paquete.

updates = Novedades
no-scans = Todavía no hay novedades. Esta página se actualiza en cuanto el transportista comparte información.
step-preparing = En preparación
preparing-late = Tu pedido está tardando más de lo previsto
preparing-rest = Estamos preparando el resto de tu pedido
preparing-waiting = Aún en preparación
preparing-cancelled = Este pedido se ha cancelado
preparing-ships-by = Debería salir de la tienda antes del { $date }.
order-cancelled = Pedido cancelado
order-cancelled-happened = La tienda ha cancelado este pedido.
order-cancelled-next = No se enviará nada más. Cualquier reembolso lo gestiona la tienda.
order-cancelled-todo = Si no lo esperabas, contacta con la tienda.
carrier-and-number = { $carrier } · Número de seguimiento
tracking-number = Número de seguimiento
carrier-site = Ver en la web de { $carrier }
items = En este pedido
quantity = × { $quantity }

support-heading = ¿Necesitas ayuda?
support-email = Escribe a { $email }
support-phone = Llama al { $phone }
support-url = Visita nuestra página de ayuda
faq-heading = Preguntas frecuentes
footer = Seguimiento de { $store }
skip-to-content = Saltar al contenido

not-found-title = No encontramos esa página
not-found-body = Puede que el enlace esté mal escrito o que ya no funcione. Si buscas un pedido, usa el enlace del correo de envío o ponte en contacto con la tienda donde hiciste la compra.
error-title = Algo ha fallado por nuestra parte
error-body = Vuelve a intentarlo en un momento.
too-large-title = Es más de lo que admite esta página
too-large-body = Lo que se envió es más grande de lo que admite esta página. Vuelve atrás, acórtalo e inténtalo de nuevo.
bad-request-title = No pudimos leerlo
bad-request-body = No se pudo leer lo que se envió. Vuelve atrás e inténtalo de nuevo.

date-event = %a %-d %b, %H:%M
date-day = %A %-d de %B
date-day-short = %a %-d %b

lookup-title = Sigue tu pedido · { $store }
lookup-heading = Sigue tu pedido
lookup-intro = Escribe tu número de pedido y el correo electrónico o el código postal que usaste al hacer la compra.
lookup-order-number = Número de pedido
lookup-contact = Correo electrónico o código postal
lookup-submit = Buscar mi pedido
lookup-not-found = No encontramos ningún pedido con esos datos. Revisa el número de pedido y usa el correo electrónico o el código postal que indicaste al hacer la compra.
lookup-too-many = Demasiados intentos. Vuelve a intentarlo dentro de { $wait }.
lookup-number-too-long = Un número de pedido tiene como máximo { $max } caracteres.
lookup-contact-too-long = Un correo electrónico o código postal tiene como máximo { $max } caracteres.
lookup-refused = Por tu seguridad, este formulario solo funciona desde esta página. Vuelve a cargarla e inténtalo de nuevo.
widget-order-hint = En el correo de confirmación de tu pedido, p. ej. #1001
widget-busy = Buscando tu pedido…
widget-opening = Lo encontramos. Abriendo tu pedido…
widget-network = No se pudo conectar con el servicio de seguimiento. Comprueba tu conexión e inténtalo de nuevo.
widget-failed = Algo ha fallado por nuestra parte. Inténtalo de nuevo en un momento.

actions-heading = ¿Necesitas algo?
actions-intro = Cuéntale a { $store } qué pasa con esta entrega. Te responderán por correo electrónico.
action-kind = ¿De qué se trata?
action-parcel = ¿De qué paquete se trata?
action-not_received = No lo he recibido
action-damaged = Ha llegado dañado
action-wrong_address = La dirección está mal
action-reschedule = Prefiero recibirlo otro día
action-redeliver = Quiero un nuevo intento de entrega
action-confirm_address = Mi dirección es correcta, pueden entregarlo
action-other = Otra cosa
action-message = ¿Quieres añadir algo? (opcional)
action-submit = Enviar a { $store }
action-sent = Gracias. { $store } ha recibido tu mensaje y te responderá por correo electrónico.
action-too-many = Ya has enviado varios mensajes. Espera un poco antes de enviar otro.
action-too-long = Tu mensaje es demasiado largo: puede tener como máximo { $max } caracteres.
action-choose-parcel = Elige de qué paquete se trata.
action-choose-kind = Elige de qué se trata.
action-kind-unfit = Eso no corresponde al paquete que elegiste. Vuelve a elegir de qué se trata.

expired-title = Este enlace de seguimiento ha caducado
expired-body = Por tu privacidad, los enlaces de seguimiento dejan de funcionar un tiempo después de la entrega. Aún puedes encontrar tu pedido con su número y tu correo electrónico.
expired-action = Buscar mi pedido

# A link from the store platform's own email, before the order reached wismo.
order-ready-title = Estamos preparando tu pedido
order-ready-body = { $store } tiene tu pedido y lo está preparando. Su página de seguimiento se abrirá aquí en un momento.
order-ready-later = Esta página no se actualiza sola: vuelve a comprobarlo en un minuto o abre más tarde el enlace de tu correo.
order-ready-check = Volver a comprobar

# The unsubscribe page an update email links to.
unsubscribe-title = Novedades de tus pedidos de { $store }
unsubscribe-ask = ¿Dejar de recibir correos sobre tus pedidos de { $store }? Tu página de seguimiento sigue funcionando.
unsubscribe-button = Darme de baja
unsubscribe-done = Listo: ya no recibirás correos de novedades de { $store }.
resubscribe-ask = ¿Cambiaste de idea? Puedes volver a recibir correos de novedades de { $store }.
resubscribe-button = Volver a recibir novedades
resubscribe-done = Listo: volverás a recibir correos de novedades de { $store }.
unsubscribe-channels-ask = O elige cómo te mantiene informado { $store }:
unsubscribe-channel-email = Correos a { $contact }
unsubscribe-channel-sms = SMS a { $contact }
unsubscribe-channel-whatsapp = Mensajes de WhatsApp a { $contact }
unsubscribe-channel-voice = Una llamada a { $contact } cuando tengas que hacer algo
unsubscribe-channels-button = Guardar mi elección
unsubscribe-channels-done = Guardado: { $store } solo te avisará por las vías que marcaste.

# Lo que la página dice que hacer mientras el paquete está en camino.
todo-page = Nada por ahora. Esta página se actualiza sola: vuelve cuando quieras.
todo-email-shipped = Nada por ahora. Te escribiremos cuando salga.
todo-email-out_for_delivery = Nada por ahora. Te escribiremos cuando salga a reparto.

# The promise at checkout on the store's own site (dates in the `date-day-short` pattern).
promise-arrives-on = Pide hoy y llega el { $date }
promise-arrives-between = Pide hoy y llega entre el { $from } y el { $until }
