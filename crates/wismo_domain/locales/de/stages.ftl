# Namen der Stationen und die drei einfachen Antworten zu jeder Station, auf Deutsch.
# Jede Nachricht ist der Name der Station; ihre Attribute beantworten:
#   .happened  was passiert ist
#   .next      was als Nächstes passiert
#   .todo      was Sie tun sollten
# Anrede: Sie.

stage-ordered = Bestellung bestätigt
    .happened = Der Shop hat Ihre Bestellung erhalten und bereitet sie vor.
    .next = Der Shop übergibt Ihr Paket an den Paketdienst und schickt Ihnen die Daten zur Sendungsverfolgung.
    .todo = Im Moment nichts. Wir sagen Ihnen Bescheid, sobald Ihr Paket verschickt ist.

stage-pending = Warten auf den Paketdienst
    .happened = Ihr Paket hat eine Sendungsnummer, aber der Paketdienst hat noch keine Neuigkeiten gemeldet.
    .next = Meist gibt es Neuigkeiten innerhalb eines Tages, nachdem der Paketdienst das Paket abgeholt hat.
    .todo = Im Moment nichts. Diese Seite aktualisiert sich von selbst.

stage-info_received = Versandetikett erstellt
    .happened = Das Versandetikett ist fertig und der Paketdienst weiß, dass Ihr Paket kommt.
    .next = Der Paketdienst holt das Paket ab und bringt es auf den Weg zu Ihnen.
    .todo = Im Moment nichts. Wir sagen Ihnen Bescheid, sobald es unterwegs ist.

stage-in_transit = Unterwegs
    .happened = Der Paketdienst hat Ihr Paket und es ist auf dem Weg zu Ihnen.
    .next = Es wird über die Paketzentren des Paketdienstes weitergeleitet und geht dann in die Zustellung.
    .todo = Im Moment nichts. Wir sagen Ihnen Bescheid, sobald es in der Zustellung ist.

stage-out_for_delivery = In Zustellung
    .happened = Ihr Paket ist beim Zusteller und sollte heute ankommen.
    .next = Der Zusteller bringt es vorbei oder hinterlässt eine Benachrichtigung, falls niemand es annehmen kann.
    .todo = Falls eine Unterschrift nötig ist, sorgen Sie bitte dafür, dass jemand da ist, um es anzunehmen.

stage-available_for_pickup = Abholbereit
    .happened = Ihr Paket wartet an einer Abholstelle auf Sie.
    .next = Es wird dort nur für begrenzte Zeit aufbewahrt und danach an den Shop zurückgeschickt.
    .todo = Holen Sie es bald ab. Bringen Sie einen Ausweis und Ihre Sendungsnummer oder Ihren Abholcode mit.

stage-delivered = Zugestellt
    .happened = Ihr Paket wurde zugestellt.
    .next = Vom Paketdienst sind keine weiteren Schritte zu erwarten.
    .todo = Falls Sie es nicht finden, schauen Sie an der Tür, im Briefkasten und bei den Nachbarn nach. Wenn es dann noch fehlt, melden Sie bitte ein Problem.

stage-delayed = Verzögert
    .happened = Ihr Paket braucht länger als erwartet.
    .next = Der Paketdienst kümmert sich weiter darum, und wir prüfen laufend, ob es Neuigkeiten gibt.
    .todo = Sie müssen noch nichts tun. Falls es in den nächsten Tagen nicht weitergeht, wenden Sie sich an den Shop.

stage-action_required = Aktion erforderlich
    .happened = Der Paketdienst braucht noch etwas von Ihnen, bevor er zustellen kann.
    .next = Das Paket wartet, bis das geklärt ist. Danach geht die Zustellung weiter.
    .todo = Folgen Sie den Hinweisen des Paketdienstes oder wenden Sie sich so bald wie möglich an den Shop.

stage-exception = Problem bei der Zustellung
    .happened = Auf dem Weg zu Ihnen ist bei Ihrem Paket etwas schiefgelaufen.
    .next = Der Paketdienst und der Shop kümmern sich darum.
    .todo = Wenden Sie sich an den Shop, falls Sie innerhalb von zwei Tagen nichts von ihm hören.

stage-returned = Zurück an den Shop
    .happened = Ihr Paket wird an den Shop zurückgeschickt.
    .next = Der Shop nimmt es entgegen und meldet sich bei Ihnen wegen einer Erstattung oder eines neuen Versands.
    .todo = Wenden Sie sich an den Shop, wenn Sie diese Bestellung weiterhin möchten.

stage-expired = Keine neuen Informationen
    .happened = Der Paketdienst hat lange nichts Neues gemeldet, deshalb prüfen wir nicht mehr.
    .next = Vom Paketdienst sind keine weiteren Neuigkeiten zu erwarten.
    .todo = Falls Sie Ihr Paket nicht erhalten haben, wenden Sie sich an den Shop.

stage-cancelled = Versand storniert
    .happened = Der Shop hat dieses Versandetikett storniert.
    .next = Falls Ihre Bestellung trotzdem unterwegs ist, erhalten Sie einen neuen Link zur Sendungsverfolgung.
    .todo = Wenden Sie sich an den Shop, wenn Sie Fragen zu Ihrer Bestellung haben.
