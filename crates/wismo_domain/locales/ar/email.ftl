# كلمات رسائل البريد الإلكتروني، بالعربية. تستخدم الرسائل أيضًا بعض كلمات الصفحة
# (heading-*, delivered-on, estimate-window, items, quantity, action-*, date-*).
# العناصر النائبة بين { $الأقواس } يملؤها wismo؛ اتركها كما هي.
# قيمة $scope هي `all` عندما تخص الرسالة كل طرود الطلب، و`some` عندما تخص بعضها فقط.

email-subject-shipped = { $scope ->
    [some] شُحن جزء من طلبك { $number }
   *[all] شُحن طلبك { $number }
}
email-subject-in_transit = { $scope ->
    [some] جزء من طلبك { $number } في الطريق
   *[all] طلبك { $number } في الطريق
}
email-subject-out_for_delivery = { $scope ->
    [some] خرج جزء من طلبك { $number } للتوصيل
   *[all] خرج طلبك { $number } للتوصيل
}
email-subject-delivered = { $scope ->
    [some] تم توصيل جزء من طلبك { $number }
   *[all] تم توصيل طلبك { $number }
}
email-subject-delayed = { $scope ->
    [some] جزء من طلبك { $number } متأخر
   *[all] طلبك { $number } متأخر
}
email-subject-action_required = { $scope ->
    [some] مطلوب إجراء لجزء من طلبك { $number }
   *[all] مطلوب إجراء لطلبك { $number }
}
email-subject-exception = { $scope ->
    [some] مشكلة في جزء من طلبك { $number }
   *[all] مشكلة في طلبك { $number }
}
email-subject-returned = { $scope ->
    [some] جزء من طلبك { $number } في طريق العودة
   *[all] طلبك { $number } في طريق العودة إلى المتجر
}
email-subject-available_for_pickup = { $scope ->
    [some] جزء من طلبك { $number } جاهز للاستلام
   *[all] طلبك { $number } جاهز للاستلام
}
email-subject-delivery_date_changed = موعد توصيل جديد لطلبك { $number }
email-subject-order_confirmed = استلمنا طلبك { $number }
email-subject-fulfillment_stalled = يستغرق شحن طلبك { $number } وقتًا أطول
email-subject-tracking_link = تابع طلبك { $number } من هنا
email-subject-request_answered = بخصوص استفسارك عن طلبك { $number }

email-heading-shipped = شُحن طلبك
email-heading-in_transit = طلبك في الطريق
email-heading-out_for_delivery = خرج للتوصيل اليوم
email-heading-delivered = تم التوصيل
email-heading-delayed = متأخر
email-heading-action_required = شركة الشحن تحتاج إلى شيء منك
email-heading-exception = هناك مشكلة في التوصيل
email-heading-returned = في طريق العودة إلى المتجر
email-heading-available_for_pickup = جاهز للاستلام
email-heading-delivery_date_changed = موعد توصيل جديد
email-heading-order_confirmed = شكرًا على طلبك
email-heading-fulfillment_stalled = يستغرق طلبك وقتًا أطول
email-heading-tracking_link = صفحة تتبع طلبك
email-heading-request_answered = ردّ على استفسارك

# الإجابات الثلاث للحظات التي ليست مرحلة من مراحل الطرد.
email-happened-delivery_date_changed = تغيّر موعد التوصيل المتوقع لطلبك.
email-next-delivery_date_changed = تواصل شركة الشحن نقل طردك. سنخبرك إن تغيّر الموعد مرة أخرى.
email-todo-delivery_date_changed = لا شيء الآن. إن كنت تحتاجه بحلول يوم معيّن، فتواصل مع المتجر.
email-happened-fulfillment_stalled = لم يُشحن طلبك بعد، وقد تأخر عن المتوقع.
email-next-fulfillment_stalled = يجهّزه المتجر وسيرسل إليك بيانات التتبع عند شحنه.
email-todo-fulfillment_stalled = لا شيء الآن. إن كانت لديك أسئلة، فتواصل مع المتجر.

email-opening-named = مرحبًا { $name }، إليك أخبار طلبك { $number } من { $store }.
email-opening = مرحبًا، إليك أخبار طلبك { $number } من { $store }.
email-note = رسالة من { $store }:

# سطر للطلبات المقسّمة على عدة طرود، حسب المرحلة: «الطرود المُسلَّمة: 2 من 3».
email-parcels-reached = { $milestone ->
    [shipped] الطرود المشحونة: { $reached } من { $count }
    [in_transit] الطرود التي في الطريق: { $reached } من { $count }
    [out_for_delivery] الطرود الخارجة للتوصيل: { $reached } من { $count }
    [delivered] الطرود المُسلَّمة: { $reached } من { $count }
    [available_for_pickup] الطرود الجاهزة للاستلام: { $reached } من { $count }
   *[other] { $label }: { $reached } من { $count }
}
email-parcels-heading = طرودك
email-parcel-line = { $carrier } { $tracking }: { $label }

email-expected = موعد التوصيل المتوقع: { $date }
email-date-changed = كان موعده { $before }. ويُتوقع الآن { $after }.

email-track = تتبّع طلبك
email-why = تصلك هذه الرسالة لأنك طلبت من { $store }.
email-unsubscribe = أوقف رسائل تحديثات الشحن
email-support = أسئلة؟ راسلنا على { $email }.

# رسائل إلى المتجر.
email-why-merchant = تصلك هذه الرسالة لأن هذا العنوان يتلقى إشعارات { $store } من wismo.
email-open = افتح في wismo

email-request-subject = طلب جديد بخصوص الطلب { $number }
email-request-heading = عميل يحتاج إلى شيء
email-request-from-named = كتب { $name } بخصوص الطلب { $number }.
email-request-from = كتب عميل بخصوص الطلب { $number }.
email-request-kind = الموضوع: { $kind }
email-request-message = رسالته:
email-request-no-message = لم يُضف رسالة.
email-request-reply = الرد إلى { $email }.

email-digest-subject = طرود تحتاج إلى متابعة في { $store }
email-digest-heading = طرود تحتاج إلى متابعة
email-digest-intro = هذه الطرود متأخرة أو متوقفة أو تنتظر العميل.
email-digest-line = الطلب { $number } · { $carrier } { $tracking } · { $label } منذ { $date }
email-digest-unshipped-intro = طلبات لم تُشحن في موعدها:
email-digest-unshipped = الطلب { $number }، بتاريخ { $date }: لا طرد بعد
email-digest-more = { $count ->
    [one] …وعنصر آخر.
    [two] …وعنصران آخران.
    [few] …و{ $count } عناصر أخرى.
    [many] …و{ $count } عنصرًا آخر.
   *[other] …و{ $count } عنصر آخر.
}

email-endpoint-subject = أُوقف عنوان webhook تابع لـ { $store }
email-endpoint-heading = توقف إرسال webhook
email-endpoint-body = أوقف wismo إرسال الأحداث إلى { $url }: فشل الإرسال منذ { $date }.
email-endpoint-error = آخر خطأ: { $error }
email-endpoint-todo = أصلح العنوان ثم أضفه مرة أخرى (POST /api/v1/webhook-endpoints): العنوان الموقوف لا تصله أحداث بعد ذلك.

email-test-subject = رسالة تجريبية من wismo لـ { $store }
email-test-heading = كل شيء يعمل
email-test-body = هذه رسالة تجريبية من wismo. إن كنت تستطيع قراءتها، فرسائل { $store } تصل إلى هذا العنوان.

email-reset-subject = عيّن كلمة مرور جديدة لـ { $store } على wismo
email-reset-heading = عيّن كلمة مرور جديدة
email-reset-body = طلب أحدهم، ونأمل أن تكون أنت، كلمة مرور جديدة لحسابك في { $store }. يعمل الرابط مرة واحدة، لمدة ساعة.
email-reset-button = عيّن كلمة مرور جديدة
email-reset-ignore = إن لم تكن أنت، فتجاهل هذه الرسالة: تبقى كلمة مرورك كما هي.
email-invite-subject = دعاك { $email } إلى { $store } على wismo
email-invite-heading = لقد تمت دعوتك
email-invite-body = دعاك { $email } للمساعدة في إدارة { $store } على wismo، حيث تُتابَع طلباته وطروده. يعمل الرابط مرة واحدة، لمدة 7 أيام.
email-invite-button = عيّن كلمة مرورك
email-invite-ignore = إن لم تعرف موضوع هذه الرسالة، فتجاهلها: لن يحدث شيء من دونك.
email-why-account = تصلك هذه الرسالة بسبب حسابك في { $store } على wismo.
