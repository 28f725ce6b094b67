# Stage names and the three plain answers for each stage, in English.
# Each message is the stage's label; its attributes answer:
#   .happened  what happened
#   .next      what happens next
#   .todo      what you should do

stage-ordered = Order confirmed
    .happened = The store has your order and is getting it ready.
    .next = The store will hand your parcel to the carrier and send you tracking details.
    .todo = Nothing for now. We'll let you know when it ships.

stage-pending = Waiting for the carrier
    .happened = Your parcel has a tracking number, but the carrier hasn't shared any updates yet.
    .next = Updates usually appear within a day of the carrier collecting the parcel.
    .todo = Nothing for now. This page updates on its own.

stage-info_received = Label created
    .happened = The shipping label is ready and the carrier knows your parcel is coming.
    .next = The carrier will collect the parcel and start moving it towards you.
    .todo = Nothing for now. We'll let you know when it's on its way.

stage-in_transit = On its way
    .happened = The carrier has your parcel and it is moving towards you.
    .next = It will pass through the carrier's network and then go out for delivery.
    .todo = Nothing for now. We'll tell you when it's out for delivery.

stage-out_for_delivery = Out for delivery
    .happened = Your parcel is with the driver and should arrive today.
    .next = The driver will deliver it, or leave a notice if no one can receive it.
    .todo = If a signature is needed, make sure someone is available to receive it.

stage-available_for_pickup = Ready for pickup
    .happened = Your parcel is waiting for you at a pickup point.
    .next = It will be held for a limited time, then sent back to the store.
    .todo = Collect it soon. Bring an ID and your tracking number or pickup code.

stage-delivered = Delivered
    .happened = Your parcel has been delivered.
    .next = Nothing more is expected from the carrier.
    .todo = If you can't find it, check around your door, mailbox and neighbours, then report a problem.

stage-delayed = Delayed
    .happened = Your parcel is taking longer than expected.
    .next = The carrier is still working on it and we keep checking for updates.
    .todo = No action needed yet. If it doesn't move in the next few days, contact the store.

stage-action_required = Action required
    .happened = The carrier needs something from you before it can deliver.
    .next = The parcel waits until the issue is sorted out, then delivery continues.
    .todo = Follow the carrier's instructions or contact the store as soon as you can.

stage-exception = Problem with delivery
    .happened = Something went wrong with your parcel on the way.
    .next = The carrier and the store are looking into it.
    .todo = Contact the store if you haven't heard from them within two days.

stage-returned = Returning to sender
    .happened = Your parcel is being sent back to the store.
    .next = The store will receive it and contact you about a refund or a new shipment.
    .todo = Contact the store if you still want this order.

stage-expired = No recent updates
    .happened = The carrier hasn't shared any updates for a long time, so we stopped checking.
    .next = No further updates are expected from the carrier.
    .todo = If you haven't received your parcel, contact the store.

stage-cancelled = Shipment cancelled
    .happened = The store cancelled this shipping label.
    .next = If your order is still on its way, you'll get a new tracking link.
    .todo = Contact the store if you have questions about your order.
