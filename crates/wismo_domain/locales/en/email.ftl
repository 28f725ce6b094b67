# The emails' own words, in English. Emails also use some of the page's words
# (heading-*, delivered-on, estimate-window, items, quantity, action-*, date-*).
# Placeholders in { $braces } are filled in by wismo; keep them as they are.
# $scope is `all` when the email is about every parcel of the order, `some` when only
# about some of them.

email-subject-shipped = { $scope ->
    [some] Part of your order { $number } has shipped
   *[all] Your order { $number } has shipped
}
email-subject-in_transit = { $scope ->
    [some] Part of your order { $number } is on its way
   *[all] Your order { $number } is on its way
}
email-subject-out_for_delivery = { $scope ->
    [some] Part of your order { $number } is out for delivery
   *[all] Your order { $number } is out for delivery
}
email-subject-delivered = { $scope ->
    [some] Part of your order { $number } was delivered
   *[all] Your order { $number } was delivered
}
email-subject-delayed = { $scope ->
    [some] Part of your order { $number } is running late
   *[all] Your order { $number } is running late
}
email-subject-action_required = { $scope ->
    [some] Action needed for part of your order { $number }
   *[all] Action needed for your order { $number }
}
email-subject-exception = { $scope ->
    [some] A problem with part of your order { $number }
   *[all] A problem with your order { $number }
}
email-subject-returned = { $scope ->
    [some] Part of your order { $number } is going back
   *[all] Your order { $number } is going back to the store
}
email-subject-available_for_pickup = { $scope ->
    [some] Part of your order { $number } is ready for pickup
   *[all] Your order { $number } is ready for pickup
}
email-subject-delivery_date_changed = New delivery date for your order { $number }
email-subject-order_confirmed = We have your order { $number }
email-subject-fulfillment_stalled = Your order { $number } is taking longer to ship
email-subject-tracking_link = Follow your order { $number } here
email-subject-request_answered = About your request for order { $number }

email-heading-shipped = Your order has shipped
email-heading-in_transit = Your order is on its way
email-heading-out_for_delivery = Out for delivery today
email-heading-delivered = Delivered
email-heading-delayed = Running late
email-heading-action_required = The carrier needs something from you
email-heading-exception = There's a problem with the delivery
email-heading-returned = Going back to the store
email-heading-available_for_pickup = Ready for pickup
email-heading-delivery_date_changed = A new delivery date
email-heading-order_confirmed = Thanks for your order
email-heading-fulfillment_stalled = Your order is taking longer
email-heading-tracking_link = Your order's tracking page
email-heading-request_answered = An answer to your request

# The three answers for the moments that are not a parcel's stage.
email-happened-delivery_date_changed = The expected delivery date of your order has changed.
email-next-delivery_date_changed = The carrier keeps moving your parcel. We'll tell you if the date changes again.
email-todo-delivery_date_changed = Nothing for now. If you need it by a certain day, contact the store.
email-happened-fulfillment_stalled = Your order hasn't shipped yet, later than expected.
email-next-fulfillment_stalled = The store is getting it ready and will send you tracking details when it ships.
email-todo-fulfillment_stalled = Nothing for now. If you have questions, contact the store.

email-opening-named = Hi { $name }, here is news about your order { $number } from { $store }.
email-opening = Hello, here is news about your order { $number } from { $store }.
email-note = { $store } wrote:

# A line for orders in several parcels, by milestone: "2 of 3 parcels delivered".
email-parcels-reached = { $milestone ->
    [shipped] { $reached } of { $count } parcels shipped
    [in_transit] { $reached } of { $count } parcels on their way
    [out_for_delivery] { $reached } of { $count } parcels out for delivery
    [delivered] { $reached } of { $count } parcels delivered
    [available_for_pickup] { $reached } of { $count } parcels ready for pickup
   *[other] { $label }: { $reached } of { $count } parcels
}
email-parcels-heading = Your parcels
email-parcel-line = { $carrier } { $tracking }: { $label }

email-expected = Expected delivery: { $date }
email-date-changed = It was due { $before }. It's now expected { $after }.

email-track = Track your order
email-why = You're getting this email because you ordered from { $store }.
email-unsubscribe = Stop shipping updates by email
email-support = Questions? Write to { $email }.

# Emails to the store.
email-why-merchant = You're getting this email because this address receives { $store }'s notices from wismo.
email-open = Open in wismo

email-request-subject = New request about order { $number }
email-request-heading = A customer needs something
email-request-from-named = { $name } wrote about order { $number }.
email-request-from = A customer wrote about order { $number }.
email-request-kind = About: { $kind }
email-request-message = Their message:
email-request-no-message = They didn't add a message.
email-request-reply = Reply to { $email }.

email-digest-subject = Parcels that need attention at { $store }
email-digest-heading = Parcels that need attention
email-digest-intro = These parcels are late, stuck, or waiting for the customer.
email-digest-line = Order { $number } · { $carrier } { $tracking } · { $label } since { $date }
email-digest-unshipped-intro = Orders that have not shipped in time:
email-digest-unshipped = Order { $number }, placed { $date }: no parcel yet
email-digest-more = …and { $count } more.

email-endpoint-subject = A webhook endpoint of { $store } was turned off
email-endpoint-heading = Webhook deliveries stopped
email-endpoint-body = wismo stopped sending events to { $url }: deliveries have failed since { $date }.
email-endpoint-error = Last error: { $error }
email-endpoint-todo = Fix the endpoint, then add it again (POST /api/v1/webhook-endpoints): a turned-off endpoint gets no more events.

email-test-subject = Test email from wismo for { $store }
email-test-heading = It works
email-test-body = This is a test from wismo. If you can read it, emails for { $store } reach this address.

email-reset-subject = Set a new password for { $store } on wismo
email-reset-heading = Set a new password
email-reset-body = Someone, hopefully you, asked for a new password for your account at { $store }. The link works once, for an hour.
email-reset-button = Set a new password
email-reset-ignore = If it was not you, ignore this email: your password stays as it is.
email-invite-subject = { $email } invited you to { $store } on wismo
email-invite-heading = You're invited
email-invite-body = { $email } invited you to help run { $store } on wismo, where its orders and parcels are tracked. The link works once, for 7 days.
email-invite-button = Set your password
email-invite-ignore = If you don't know what this is about, ignore this email: nothing happens without you.
email-why-account = You're getting this email because of your account at { $store } on wismo.
