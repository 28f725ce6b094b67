# The tracking page's own words, in English.
# Placeholders in { $braces } are filled in by wismo; keep them as they are.
# `date-*` messages are date patterns (strftime): %A weekday, %a short weekday, %-d day,
# %B month, %b short month, %H:%M time. Reorder them as your language writes dates.

page-title = Order { $number } · { $store }
greeting-named = { $name }, here is your order { $number }
greeting = Your order { $number }
parcel-count = This order travels in { $count } parcels.
parcel-heading = Parcel { $index } of { $count }

heading-happened = What happened
heading-next = What happens next
heading-todo = What you should do

progress = Progress
step-ordered = Ordered
step-shipped = Shipped
step-in_transit = In transit
step-out_for_delivery = Out for delivery
step-delivered = Delivered
step-current = (current step)

estimate-heading = Estimated delivery
estimate-window = { $from } – { $until }
estimate-by-carrier = Date given by { $carrier }.
estimate-predicted = Our estimate from recent deliveries.
estimate-unknown = We'll show a delivery date as soon as we can estimate one.
delivered-on = Delivered on { $date }

# The lead of a parcel's card: its status and date in one sentence.
hero-arriving = Arriving { $date }
hero-arriving-window = Arriving { $from } – { $until }
hero-arriving-by = Arriving by { $date }
hero-out-for-delivery = Out for delivery today
hero-unknown = On its way
hero-was-due = Was due { $date }
estimate-stale = It's later than planned. We'll show the new date as soon as the carrier shares one.
hero-delivered = Delivered { $date }
hero-carrier-note = The carrier's note: { $note }
hero-pickup = Ready for pickup
hero-pickup-since = Ready for pickup since { $date }
hero-pickup-at = At { $place }
hero-pickup-until = Ready for pickup until { $date }
hero-next-attempt = The carrier will try again on { $date }.
fact-pickup = Pickup point
fact-hours = Opening hours
fact-amount-due = Amount due
fact-left-at = Left at
fact-signed-by = Signed by
do-pay-amount = Pay { $amount } on { $carrier }'s website
rating-question = How was your delivery?
rating-scale = 1 is poor, 5 is excellent
rating-score = { $score } out of 5
rating-given = You rated this delivery { $score } out of 5. Tap another number to change it.
rating-too-many = You've rated several times already. Please wait a little before rating again.
returns-heading = Returns
returns-start = Start a return
hero-returned = On its way back to { $store }
hero-cancelled = Cancelled
hero-expired = No news from the carrier for a long time
hero-preparing = Preparing your order
hero-exception = Delivery on hold
hero-action_required = The carrier needs you
hero-delayed = Running late
hero-delayed-until = Running late: now expected by { $date }
hero-first-due = It was first due { $date }.
do-pay-duties = Pay the import charges on { $carrier }'s website
do-rearrange = Rearrange delivery on { $carrier }'s website
do-redeliver = Ask for another delivery
do-address = Correct the address
do-map = See the pickup point on a map
do-not-received = It says delivered, but I don't have it
date-delivered = %A %-d %B, %H:%M
step-problem = (problem here)
step-returning = Returning
step-ready_for_pickup = Ready for pickup
step-collected = Collected
updates-show-all = Show all { $count } updates
updates-zone = Times are { $zone } time ({ $abbreviation }).
scan-label_created = Shipping label created
scan-picked_up = Picked up by the carrier
scan-arrived = Arrived at a carrier facility
scan-departed = Left a carrier facility
scan-processed = Sorted at a carrier facility
scan-customs = Customs clearance
scan-in_transit = On its way
scan-out_for_delivery = Out for delivery
scan-attempted = Delivery attempted
scan-at_pickup_point = Ready for pickup
scan-delivered = Delivered
scan-returning = Returning to the sender
scan-delayed = Delayed
scan-problem = A problem was reported

banner-delayed = Your parcel is running late
banner-action_required = The carrier needs something from you
banner-exception = There's a problem with this delivery
reason-past_estimate = It hasn't arrived by the estimated date.
reason-no_scans = The carrier hasn't shared any news for a few days.
reason-weather = Bad weather is slowing deliveries down.
reason-carrier_delay = The carrier is running behind schedule.
reason-failed_attempt = The carrier tried to deliver, but no one could receive the parcel.
reason-address_problem = The carrier has a problem with the delivery address.
reason-customs_payment = Customs charges need to be paid before delivery.
reason-customs_hold = The parcel is being held by customs.
reason-cash_on_delivery = Payment is due on delivery.
reason-damaged = The parcel was damaged on the way.
reason-held = The carrier is holding the parcel.
reason-refused = The delivery was refused.
reason-lost = The carrier can't find the parcel.

updates = Updates
no-scans = No scans yet. This page updates as soon as the carrier shares news.
step-preparing = Preparing
preparing-late = Your order is taking longer than expected
preparing-rest = Preparing the rest of your order
preparing-waiting = Still being prepared
preparing-cancelled = This order was cancelled
preparing-ships-by = It should leave the store by { $date }.
order-cancelled = Order cancelled
order-cancelled-happened = The store cancelled this order.
order-cancelled-next = Nothing more will ship. Any refund comes from the store.
order-cancelled-todo = If you didn't expect this, contact the store.
carrier-and-number = { $carrier } · Tracking number
tracking-number = Tracking number
carrier-site = See it on { $carrier }'s website
items = In this order
quantity = × { $quantity }

support-heading = Need help?
support-email = Email { $email }
support-phone = Call { $phone }
support-url = Visit our help page
faq-heading = Questions and answers
footer = Tracking by { $store }
skip-to-content = Skip to the content

not-found-title = We can't find that page
not-found-body = The link may be mistyped or no longer active. If you're looking for an order, use the link in your shipping email, or contact the store you ordered from.
error-title = Something went wrong on our side
error-body = Please try again in a moment.
too-large-title = That was more than this page takes
too-large-body = What was sent is larger than this page accepts. Please go back, shorten it and try again.
bad-request-title = We couldn't read that
bad-request-body = What was sent could not be read. Please go back and try again.

date-event = %a %-d %b, %H:%M
date-day = %A %-d %B
date-day-short = %a %-d %b

lookup-title = Track your order · { $store }
lookup-heading = Track your order
lookup-intro = Enter your order number and the email address or postal code you ordered with.
lookup-order-number = Order number
lookup-contact = Email or postal code
lookup-submit = Find my order
lookup-not-found = We couldn't find an order with those details. Check the order number, and use the email address or postal code you gave at checkout.
lookup-too-many = Too many attempts. Please try again in { $wait }.
lookup-number-too-long = An order number has at most { $max } characters.
lookup-contact-too-long = An email address or postal code has at most { $max } characters.
lookup-refused = For your safety, this form only works from this page. Please reload it and try again.
widget-order-hint = In your order confirmation email, e.g. #1001
widget-busy = Looking up your order…
widget-opening = Found it. Opening your order…
widget-network = Could not reach the tracking service. Check your connection and try again.
widget-failed = Something went wrong on our side. Please try again in a moment.

actions-heading = Need something?
actions-intro = Tell { $store } about this delivery. They'll get back to you by email.
action-kind = What is it about?
action-parcel = Which parcel is it about?
action-not_received = I haven't received it
action-damaged = It arrived damaged
action-wrong_address = The address is wrong
action-reschedule = Deliver it on another day
action-redeliver = Please try delivering again
action-confirm_address = My address is right, please deliver
action-other = Something else
action-message = Anything to add? (optional)
action-submit = Send to { $store }
action-sent = Thanks. { $store } has your message and will get back to you by email.
action-too-many = You've sent several messages already. Please wait a little before sending another.
action-too-long = Your message is too long: it can have at most { $max } characters.
action-choose-parcel = Please choose which parcel it is about.
action-choose-kind = Please choose what it is about.
action-kind-unfit = That doesn't fit the parcel you chose. Please choose again what it is about.

expired-title = This tracking link has expired
expired-body = For your privacy, tracking links stop working a while after delivery. You can still find your order with its number and your email address.
expired-action = Find my order

# A link from the store platform's own email, before the order reached wismo.
order-ready-title = We're getting your order ready
order-ready-body = { $store } has your order and is getting it ready. Its tracking page will open here in a moment.
order-ready-later = This page doesn't update by itself: check again in a minute, or open the link in your email later.
order-ready-check = Check again

# The unsubscribe page an update email links to.
unsubscribe-title = Order updates from { $store }
unsubscribe-ask = Stop emails about your orders from { $store }? Your tracking page keeps working.
unsubscribe-button = Unsubscribe
unsubscribe-done = Done: you won't get update emails from { $store } any more.
resubscribe-ask = Changed your mind? You can get update emails from { $store } again.
resubscribe-button = Email me updates again
resubscribe-done = Done: you'll get update emails from { $store } again.
unsubscribe-channels-ask = Or choose how { $store } keeps you posted:
unsubscribe-channel-email = Emails to { $contact }
unsubscribe-channel-sms = Text messages to { $contact }
unsubscribe-channel-whatsapp = WhatsApp messages to { $contact }
unsubscribe-channel-voice = A call to { $contact } when you need to act
unsubscribe-channels-button = Save my choices
unsubscribe-channels-done = Saved: { $store } will reach you only the ways you ticked.

# What the page says the customer should do while the parcel is on its way: an email when
# the store sends one (todo-email-MILESTONE), else that the page keeps itself up to date.
todo-page = Nothing for now. This page updates on its own: come back any time.
todo-email-shipped = Nothing for now. We'll email you when it ships.
todo-email-out_for_delivery = Nothing for now. We'll email you when it's out for delivery.

# The promise at checkout on the store's own site (dates in the `date-day-short` pattern).
promise-arrives-on = Order today, arrives { $date }
promise-arrives-between = Order today, arrives { $from } – { $until }
