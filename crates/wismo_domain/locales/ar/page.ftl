# كلمات صفحة التتبع، بالعربية.
# العناصر النائبة بين { $الأقواس } يملؤها wismo؛ اتركها كما هي.
# رسائل `date-*` أنماط تواريخ (strftime): %A اسم اليوم، %a اليوم مختصرًا، %-d اليوم من الشهر،
# %B اسم الشهر، %b الشهر مختصرًا، %H:%M الوقت. الأرقام لاتينية (0-9) في كل مكان.
# فئات الجمع: zero و one و two و few (3–10) و many (11–99) و other (100 فما فوق).

page-title = الطلب { $number } · { $store }
greeting-named = { $name }، إليك طلبك { $number }
greeting = طلبك { $number }
parcel-count = { $count ->
    [two] يصلك هذا الطلب في طردين.
    [few] يصلك هذا الطلب في { $count } طرود.
    [many] يصلك هذا الطلب في { $count } طردًا.
   *[other] يصلك هذا الطلب في { $count } طرد.
}
parcel-heading = الطرد { $index } من { $count }

heading-happened = ماذا حدث
heading-next = ماذا سيحدث بعد ذلك
heading-todo = ما المطلوب منك

progress = التقدم
step-ordered = تم الطلب
step-shipped = تم الشحن
step-in_transit = في الطريق
step-out_for_delivery = خرج للتوصيل
step-delivered = تم التوصيل
step-current = (المرحلة الحالية)

estimate-heading = موعد التوصيل المتوقع
estimate-window = { $from } – { $until }
estimate-by-carrier = موعد حددته { $carrier }.
estimate-predicted = تقديرنا بناءً على عمليات التوصيل الأخيرة.
estimate-unknown = سنعرض موعد التوصيل حالما نتمكن من تقديره.
delivered-on = تم التوصيل في { $date }

# مقدمة بطاقة الطرد: حالته وتاريخه في جملة واحدة.
hero-arriving = يصل يوم { $date }
hero-arriving-window = يصل بين { $from } و{ $until }
hero-arriving-by = يصل في موعد أقصاه { $date }
hero-out-for-delivery = خرج للتوصيل اليوم
hero-unknown = في الطريق
hero-was-due = كان موعده { $date }
estimate-stale = تأخر عن الموعد المخطط. سنعرض الموعد الجديد حالما تشاركه شركة الشحن.
hero-delivered = تم التوصيل يوم { $date }
hero-carrier-note = ملاحظة شركة الشحن: { $note }
hero-pickup = جاهز للاستلام
hero-pickup-since = جاهز للاستلام منذ { $date }
hero-pickup-at = في { $place }
hero-pickup-until = جاهز للاستلام حتى يوم { $date }
hero-next-attempt = ستحاول شركة الشحن مرة أخرى يوم { $date }.
fact-pickup = نقطة الاستلام
fact-hours = ساعات العمل
fact-amount-due = المبلغ المستحق
fact-left-at = تُرك في
fact-signed-by = وقّع عليه
do-pay-amount = ادفع { $amount } على موقع { $carrier }
rating-question = كيف كان التوصيل؟
rating-scale = 1 سيئ، 5 ممتاز
rating-score = { $score } من 5
rating-given = قيّمت هذا التوصيل بـ { $score } من 5. اضغط على رقم آخر لتغييره.
rating-too-many = لقد قيّمت عدة مرات بالفعل. يُرجى الانتظار قليلًا قبل التقييم مرة أخرى.
returns-heading = الإرجاع
returns-start = ابدأ عملية إرجاع
hero-returned = في طريق عودته إلى { $store }
hero-cancelled = أُلغي
hero-expired = لا أخبار من شركة الشحن منذ مدة طويلة
hero-preparing = نجهّز طلبك
hero-exception = التوصيل معلّق
hero-action_required = شركة الشحن تحتاج إليك
hero-delayed = متأخر
hero-delayed-until = متأخر: يُتوقع الآن وصوله في موعد أقصاه { $date }
hero-first-due = كان موعده الأول { $date }.
do-pay-duties = ادفع رسوم الاستيراد على موقع { $carrier }
do-rearrange = أعد ترتيب التوصيل على موقع { $carrier }
do-redeliver = اطلب توصيلًا آخر
do-address = صحّح العنوان
do-map = اعرض نقطة الاستلام على الخريطة
do-not-received = مكتوب أنه وصل، لكنه ليس عندي
date-delivered = %A %-d %B، %H:%M
step-problem = (مشكلة هنا)
step-returning = قيد الإرجاع
step-ready_for_pickup = جاهز للاستلام
step-collected = تم الاستلام
updates-show-all = { $count ->
    [one] عرض التحديث
    [two] عرض التحديثين
    [few] عرض كل التحديثات ({ $count } تحديثات)
    [many] عرض كل التحديثات ({ $count } تحديثًا)
   *[other] عرض كل التحديثات ({ $count } تحديث)
}
updates-zone = الأوقات بتوقيت { $zone } ({ $abbreviation }).
scan-label_created = تم إنشاء بوليصة الشحن
scan-picked_up = استلمته شركة الشحن
scan-arrived = وصل إلى مرفق تابع لشركة الشحن
scan-departed = غادر مرفقًا تابعًا لشركة الشحن
scan-processed = تم فرزه في مرفق تابع لشركة الشحن
scan-customs = التخليص الجمركي
scan-in_transit = في الطريق
scan-out_for_delivery = خرج للتوصيل
scan-attempted = محاولة توصيل
scan-at_pickup_point = جاهز للاستلام
scan-delivered = تم التوصيل
scan-returning = يعود إلى المرسل
scan-delayed = متأخر
scan-problem = تم الإبلاغ عن مشكلة

banner-delayed = طردك متأخر
banner-action_required = شركة الشحن تحتاج إلى شيء منك
banner-exception = هناك مشكلة في هذا التوصيل
reason-past_estimate = لم يصل في الموعد المتوقع.
reason-no_scans = لم تشارك شركة الشحن أي أخبار منذ بضعة أيام.
reason-weather = سوء الأحوال الجوية يبطئ عمليات التوصيل.
reason-carrier_delay = شركة الشحن متأخرة عن جدولها.
reason-failed_attempt = حاولت شركة الشحن التوصيل، لكن لم يكن هناك من يستلم الطرد.
reason-address_problem = لدى شركة الشحن مشكلة في عنوان التوصيل.
reason-customs_payment = يجب دفع الرسوم الجمركية قبل التوصيل.
reason-customs_hold = الطرد محتجز لدى الجمارك.
reason-cash_on_delivery = الدفع مستحق عند الاستلام.
reason-damaged = تضرر الطرد في الطريق.
reason-held = شركة الشحن تحتجز الطرد.
reason-refused = رُفض استلام الطرد.
reason-lost = لا تستطيع شركة الشحن العثور على الطرد.

updates = التحديثات
no-scans = لا توجد عمليات مسح بعد. تتحدّث هذه الصفحة حالما تشارك شركة الشحن أي أخبار.
step-preparing = قيد التجهيز
preparing-late = يستغرق طلبك وقتًا أطول من المتوقع
preparing-rest = نجهّز بقية طلبك
preparing-waiting = ما زال قيد التجهيز
preparing-cancelled = أُلغي هذا الطلب
preparing-ships-by = من المفترض أن يغادر المتجر في موعد أقصاه { $date }.
order-cancelled = أُلغي الطلب
order-cancelled-happened = ألغى المتجر هذا الطلب.
order-cancelled-next = لن يُشحن شيء آخر. أي استرداد للمبلغ يأتي من المتجر.
order-cancelled-todo = إن لم تكن تتوقع ذلك، فتواصل مع المتجر.
carrier-and-number = { $carrier } · رقم التتبع
tracking-number = رقم التتبع
carrier-site = اعرضه على موقع { $carrier }
items = في هذا الطلب
quantity = × { $quantity }

support-heading = هل تحتاج إلى مساعدة؟
support-email = راسلنا على { $email }
support-phone = اتصل على { $phone }
support-url = زُر صفحة المساعدة
faq-heading = أسئلة وأجوبة
footer = التتبع من { $store }
skip-to-content = انتقل إلى المحتوى

not-found-title = لم نعثر على هذه الصفحة
not-found-body = ربما كُتب الرابط بشكل خاطئ أو لم يعد صالحًا. إن كنت تبحث عن طلب، فاستخدم الرابط الموجود في رسالة الشحن، أو تواصل مع المتجر الذي طلبت منه.
error-title = حدث خطأ من جهتنا
error-body = يُرجى المحاولة مرة أخرى بعد قليل.
too-large-title = هذا أكثر مما تقبله هذه الصفحة
too-large-body = ما أُرسل أكبر مما تقبله هذه الصفحة. يُرجى الرجوع واختصاره ثم المحاولة مرة أخرى.
bad-request-title = لم نتمكن من قراءة ذلك
bad-request-body = تعذرت قراءة ما أُرسل. يُرجى الرجوع والمحاولة مرة أخرى.

date-event = %A %-d %B، %H:%M
date-day = %A %-d %B
date-day-short = %A %-d %B

lookup-title = تتبّع طلبك · { $store }
lookup-heading = تتبّع طلبك
lookup-intro = أدخل رقم طلبك والبريد الإلكتروني أو الرمز البريدي الذي استخدمته عند الطلب.
lookup-order-number = رقم الطلب
lookup-contact = البريد الإلكتروني أو الرمز البريدي
lookup-submit = ابحث عن طلبي
lookup-not-found = لم نعثر على طلب بهذه البيانات. تحقق من رقم الطلب، واستخدم البريد الإلكتروني أو الرمز البريدي الذي أدخلته عند الدفع.
lookup-too-many = محاولات كثيرة جدًا. يُرجى المحاولة مرة أخرى بعد { $wait }.
lookup-number-too-long = { $max ->
    [one] لا يتجاوز رقم الطلب حرفًا واحدًا.
    [two] لا يتجاوز رقم الطلب حرفين.
    [few] لا يتجاوز رقم الطلب { $max } أحرف.
    [many] لا يتجاوز رقم الطلب { $max } حرفًا.
   *[other] لا يتجاوز رقم الطلب { $max } حرف.
}
lookup-contact-too-long = { $max ->
    [one] لا يتجاوز البريد الإلكتروني أو الرمز البريدي حرفًا واحدًا.
    [two] لا يتجاوز البريد الإلكتروني أو الرمز البريدي حرفين.
    [few] لا يتجاوز البريد الإلكتروني أو الرمز البريدي { $max } أحرف.
    [many] لا يتجاوز البريد الإلكتروني أو الرمز البريدي { $max } حرفًا.
   *[other] لا يتجاوز البريد الإلكتروني أو الرمز البريدي { $max } حرف.
}
lookup-refused = حفاظًا على أمانك، لا يعمل هذا النموذج إلا من هذه الصفحة. يُرجى إعادة تحميلها والمحاولة مرة أخرى.
widget-order-hint = تجده في رسالة تأكيد الطلب عبر البريد الإلكتروني، مثل ‎#1001
widget-busy = جارٍ البحث عن طلبك…
widget-opening = تم العثور عليه. جارٍ فتح طلبك…
widget-network = تعذّر الوصول إلى خدمة التتبع. تحقّق من اتصالك وحاول مرة أخرى.
widget-failed = حدث خطأ من جانبنا. يُرجى المحاولة مرة أخرى بعد قليل.

actions-heading = هل تحتاج إلى شيء؟
actions-intro = أخبر { $store } عن هذا التوصيل. سيردّون عليك بالبريد الإلكتروني.
action-kind = بخصوص ماذا؟
action-parcel = أي طرد تقصد؟
action-not_received = لم أستلمه
action-damaged = وصل تالفًا
action-wrong_address = العنوان خاطئ
action-reschedule = وصّلوه في يوم آخر
action-redeliver = يُرجى محاولة التوصيل مرة أخرى
action-confirm_address = عنواني صحيح، يُرجى التوصيل
action-other = شيء آخر
action-message = هل تريد إضافة شيء؟ (اختياري)
action-submit = أرسل إلى { $store }
action-sent = شكرًا. وصلت رسالتك إلى { $store } وسيردّون عليك بالبريد الإلكتروني.
action-too-many = لقد أرسلت عدة رسائل بالفعل. يُرجى الانتظار قليلًا قبل إرسال رسالة أخرى.
action-too-long = { $max ->
    [one] رسالتك طويلة جدًا: لا يجوز أن تتجاوز حرفًا واحدًا.
    [two] رسالتك طويلة جدًا: لا يجوز أن تتجاوز حرفين.
    [few] رسالتك طويلة جدًا: لا يجوز أن تتجاوز { $max } أحرف.
    [many] رسالتك طويلة جدًا: لا يجوز أن تتجاوز { $max } حرفًا.
   *[other] رسالتك طويلة جدًا: لا يجوز أن تتجاوز { $max } حرف.
}
action-choose-parcel = يُرجى اختيار الطرد المقصود.
action-choose-kind = يُرجى اختيار موضوع الطلب.
action-kind-unfit = هذا لا يناسب الطرد الذي اخترته. يُرجى اختيار الموضوع مرة أخرى.

expired-title = انتهت صلاحية رابط التتبع هذا
expired-body = حفاظًا على خصوصيتك، تتوقف روابط التتبع عن العمل بعد مدة من التوصيل. ما زال بإمكانك العثور على طلبك برقمه وبريدك الإلكتروني.
expired-action = ابحث عن طلبي

# رابط من رسالة منصة المتجر نفسها، قبل وصول الطلب إلى wismo.
order-ready-title = نجهّز طلبك
order-ready-body = استلم { $store } طلبك ويجهّزه الآن. ستُفتح صفحة التتبع هنا بعد لحظات.
order-ready-later = لا تتحدّث هذه الصفحة تلقائيًا: تحقّق مرة أخرى بعد دقيقة، أو افتح الرابط في بريدك الإلكتروني لاحقًا.
order-ready-check = تحقّق مرة أخرى

# صفحة إلغاء الاشتراك التي ترتبط بها رسائل التحديث.
unsubscribe-title = تحديثات الطلبات من { $store }
unsubscribe-ask = هل تريد إيقاف الرسائل عن طلباتك من { $store }؟ ستظل صفحة التتبع تعمل.
unsubscribe-button = إلغاء الاشتراك
unsubscribe-done = تم: لن تصلك رسائل التحديث من { $store } بعد الآن.
resubscribe-ask = غيّرت رأيك؟ يمكنك تلقي رسائل التحديث من { $store } مرة أخرى.
resubscribe-button = أرسلوا إليّ التحديثات مجددًا
resubscribe-done = تم: ستصلك رسائل التحديث من { $store } مرة أخرى.
unsubscribe-channels-ask = أو اختر كيف يُبقيك { $store } على اطلاع:
unsubscribe-channel-email = رسائل بريد إلكتروني إلى { $contact }
unsubscribe-channel-sms = رسائل نصية إلى { $contact }
unsubscribe-channel-whatsapp = رسائل واتساب إلى { $contact }
unsubscribe-channel-voice = مكالمة إلى { $contact } عندما يلزمك اتخاذ إجراء
unsubscribe-channels-button = احفظ اختياراتي
unsubscribe-channels-done = تم الحفظ: سيتواصل معك { $store } بالطرق التي حددتها فقط.

# ما تقول الصفحة إن على العميل فعله بينما الطرد في الطريق: رسالة بريد إلكتروني إن كان المتجر
# يرسلها (todo-email-MILESTONE)، وإلا فإن الصفحة تتحدّث تلقائيًا.
todo-page = لا شيء الآن. تتحدّث هذه الصفحة تلقائيًا: عُد إليها متى شئت.
todo-email-shipped = لا شيء الآن. سنراسلك عند شحنه.
todo-email-out_for_delivery = لا شيء الآن. سنراسلك عندما يخرج للتوصيل.

# الوعد عند الدفع على موقع المتجر نفسه (التواريخ بنمط `date-day-short`).
promise-arrives-on = اطلب اليوم، يصل يوم { $date }
promise-arrives-between = اطلب اليوم، يصل بين { $from } و{ $until }
