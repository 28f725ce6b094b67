# Nombres de las etapas y las tres respuestas claras de cada etapa, en español.
# Cada mensaje es el nombre de la etapa; sus atributos responden:
#   .happened  qué ha pasado
#   .next      qué pasa ahora
#   .todo      qué tienes que hacer
# Registro: tú, español neutro.

stage-ordered = Pedido confirmado
    .happened = La tienda ya tiene tu pedido y lo está preparando.
    .next = La tienda entregará tu paquete al transportista y te enviará los datos de seguimiento.
    .todo = Nada por ahora. Te avisaremos cuando se envíe.

stage-pending = Esperando al transportista
    .happened = Tu paquete ya tiene número de seguimiento, pero el transportista aún no ha compartido novedades.
    .next = Las novedades suelen aparecer en menos de un día desde que el transportista recoge el paquete.
    .todo = Nada por ahora. Esta página se actualiza sola.

stage-info_received = Etiqueta creada
    .happened = La etiqueta de envío está lista y el transportista ya espera tu paquete.
    .next = El transportista recogerá el paquete y lo pondrá en camino hacia ti.
    .todo = Nada por ahora. Te avisaremos cuando esté en camino.

stage-in_transit = En camino
    .happened = Tu paquete ya está en manos del transportista y va de camino hacia ti.
    .next = Irá pasando por los centros del transportista hasta salir a reparto.
    .todo = Nada por ahora. Te avisaremos cuando salga a reparto.

stage-out_for_delivery = En reparto
    .happened = Tu paquete va con el repartidor y debería llegar hoy.
    .next = El repartidor te lo entregará o, si no hay nadie para recibirlo, te dejará un aviso.
    .todo = Si hace falta firmar, asegúrate de que haya alguien para recibirlo.

stage-available_for_pickup = Listo para recoger
    .happened = Tu paquete te espera en un punto de recogida.
    .next = Se guardará allí durante un tiempo limitado y después volverá a la tienda.
    .todo = Recógelo pronto. Lleva un documento de identidad y tu número de seguimiento o código de recogida.

stage-delivered = Entregado
    .happened = Tu paquete ha sido entregado.
    .next = No esperamos más novedades del transportista.
    .todo = Si no lo encuentras, revisa cerca de la puerta y el buzón, y pregunta a tus vecinos. Si sigue sin aparecer, informa de un problema.

stage-delayed = Retrasado
    .happened = Tu paquete está tardando más de lo previsto.
    .next = El transportista sigue con él y nosotros seguimos atentos a cualquier novedad.
    .todo = Por ahora no tienes que hacer nada. Si no avanza en los próximos días, ponte en contacto con la tienda.

stage-action_required = Requiere tu atención
    .happened = El transportista necesita algo de ti para poder hacer la entrega.
    .next = El paquete esperará hasta que se resuelva y después seguirá la entrega.
    .todo = Sigue las indicaciones del transportista o ponte en contacto con la tienda lo antes posible.

stage-exception = Problema con la entrega
    .happened = Ha surgido un problema con tu paquete por el camino.
    .next = El transportista y la tienda lo están revisando.
    .todo = Si la tienda no te ha dicho nada en dos días, ponte en contacto con ella.

stage-returned = De vuelta a la tienda
    .happened = Tu paquete está volviendo a la tienda.
    .next = Cuando la tienda lo reciba, se pondrá en contacto contigo para hablar de un reembolso o un nuevo envío.
    .todo = Si aún quieres este pedido, ponte en contacto con la tienda.

stage-expired = Sin novedades recientes
    .happened = Hace mucho que el transportista no comparte novedades, así que hemos dejado de consultarlas.
    .next = No se esperan más novedades del transportista.
    .todo = Si no has recibido tu paquete, ponte en contacto con la tienda.

stage-cancelled = Envío cancelado
    .happened = La tienda ha cancelado esta etiqueta de envío.
    .next = Si tu pedido sigue en camino, recibirás un nuevo enlace de seguimiento.
    .todo = Si tienes dudas sobre tu pedido, ponte en contacto con la tienda.
