# كلمات لوحة إدارة المتجر.
admin-skip = انتقل إلى المحتوى
admin-nav-label = الإدارة
admin-nav-attention = يحتاج إلى متابعة
admin-nav-team = الفريق
admin-sign-out = تسجيل الخروج
admin-sign-out-everywhere = تسجيل الخروج من كل الأجهزة
admin-back = العودة إلى الإدارة
admin-title-suffix = إدارة wismo

admin-login-title = تسجيل الدخول
admin-email = البريد الإلكتروني
admin-password = كلمة المرور
admin-login-button = تسجيل الدخول
admin-login-forgot = نسيت كلمة المرور؟ يمكن لمشغّل الخادم أن يرسل إليك رابطًا جديدًا:
admin-login-wrong = البريد الإلكتروني أو كلمة المرور غير صحيحة.
admin-login-throttled = محاولات كثيرة جدًا من هنا. انتظر دقيقة ثم حاول مرة أخرى.

admin-setup-title-password = اختر كلمة المرور
admin-setup-title-welcome = مرحبًا بك في wismo
admin-setup-claim-new = يجعلك هذا الرابط مالكًا لمتجر جديد. يعمل مرة واحدة، لمدة ساعة.
admin-setup-claim-existing = يجعلك هذا الرابط مالكًا للمتجر على هذا الخادم. يعمل مرة واحدة، لمدة ساعة.
admin-setup-account = الحساب:
admin-setup-your-email = بريدك الإلكتروني
admin-setup-store-name = اسم متجرك
admin-setup-new-password = كلمة مرور جديدة
admin-setup-password-hint = 12 حرفًا على الأقل؛ بضع كلمات معًا يسهل تذكرها.
admin-setup-button = احفظ وسجّل الدخول
admin-setup-bad-email = أدخل عنوان بريد إلكتروني صالحًا.
admin-setup-bad-store = اختر للمتجر اسمًا فيه حروف أو أرقام (100 حرف على الأكثر).
admin-setup-short-password = تحتاج كلمة المرور إلى 12 حرفًا على الأقل.
admin-setup-long-password = لا تتجاوز كلمة المرور 256 حرفًا.
admin-setup-email-taken = هناك من يسجّل الدخول بهذا البريد الإلكتروني بالفعل.
admin-setup-store-taken = يوجد متجر بهذا الاسم بالفعل: اختر اسمًا آخر.

admin-gone-title = انتهت صلاحية هذا الرابط أو استُخدم من قبل
admin-gone-body = تعمل روابط الإعداد مرة واحدة، لمدة ساعة. اطلب رابطًا جديدًا من مالك المتجر أو مشغّل الخادم.
admin-csrf-title = انتهت صلاحية هذا النموذج
admin-csrf-body = لم يُرسل النموذج من هذه الصفحة أو أنه قديم جدًا. ارجع وأعد تحميل الصفحة ثم حاول مرة أخرى.
admin-forbidden-title = لا يفتح هذه الصفحة إلا مالك المتجر
admin-forbidden-body = اطلب من مالك المتجر إن احتجت إلى تغيير شيء هنا.
admin-not-found-title = غير موجود
admin-not-found-body = لا يوجد شيء هنا، أو أنه يخص متجرًا آخر.
admin-failed-title = حدث خطأ ما
admin-failed-body = تعذّر على wismo تنفيذ ذلك. حاول مرة أخرى بعد قليل؛ في سجل الخادم مزيد من التفاصيل.

admin-search-label = ابحث عن طلب
admin-search-placeholder = رقم الطلب أو البريد الإلكتروني أو الاسم أو رقم التتبع
admin-search-button = بحث
admin-search-results = الطلبات المطابقة لـ «{ $query }»
admin-search-none = لا يوجد طلب مطابق.
admin-search-more = مزيد من الطلبات
admin-order-label = الطلب { $number }
admin-attention-title = يحتاج إلى متابعة
admin-attention-all = اعرض كل الأنواع
admin-attention-calm = لا شيء يحتاج إليك الآن.
admin-attention-since = منذ { $when }
admin-attention-next-page = الأقدم أولًا: الصفحة التالية

admin-kind-exception = استثناء
admin-kind-action_required = مطلوب إجراء
admin-kind-delayed = متأخر
admin-kind-expired = انتهى التتبع
admin-kind-request = طلب من العميل
admin-kind-failed_notification = فشل إرسال رسالة
admin-kind-not_shipped = لم يُشحن
admin-next-exception = تواصل مع شركة الشحن، ثم أخبر العميل.
admin-next-action_required = يجب أن يتصرف أحد (محاولة فاشلة، عنوان، دفع): تحقق مع العميل.
admin-next-delayed = تابعه؛ يرى العميل التأخير على صفحته.
admin-next-expired = لا أخبار منذ 30 يومًا: اسأل شركة الشحن إن كان قد فُقد.
admin-next-request = ردّ على العميل، ثم علّم الطلب بأنه عولج.
admin-next-failed_notification = تحقق من بيانات التواصل مع العميل؛ أرسل إليه الرابط بطريقة أخرى.
admin-next-not_shipped = اشحنه أو أخبر العميل متى سيغادر؛ أضف رقم التتبع بعد شحنه.
admin-why-parcel = حالة أحد الطرود: { $state }
admin-why-request = طلب العميل: { $kind }
admin-why-failed = تعذّر إرسال رسالة عبر { $channel }
admin-why-not-shipped = { $days ->
    [one] لا طرد بعد، بعد يوم عمل واحد من الطلب
    [two] لا طرد بعد، بعد يومي عمل من الطلب
    [few] لا طرد بعد، بعد { $days } أيام عمل من الطلب
    [many] لا طرد بعد، بعد { $days } يوم عمل من الطلب
   *[other] لا طرد بعد، بعد { $days } يوم عمل من الطلب
}

admin-order-back = → يحتاج إلى متابعة
admin-order-customer = العميل
admin-order-name = الاسم
admin-order-phone = الهاتف
admin-order-ships-to = يُشحن إلى
admin-order-items = المنتجات
admin-order-stage = المرحلة
admin-order-source = المصدر
admin-order-promise = الموعد الموعود عند الدفع
admin-order-promise-window = { $from } – { $until }، يُشحن في موعد أقصاه { $ships_by } ({ $basis })
admin-order-stalled = لم يُشحن في موعده منذ
admin-order-link = الرابط الخاص
admin-order-link-label = صفحة العميل (حدّدها للنسخ)
admin-order-reissue = ألغِ الرابط وأنشئ رابطًا جديدًا
admin-order-reissued = أُنشئ رابط خاص جديد؛ الرابط القديم لم يعد يعمل.
admin-order-handled = عُلّم الطلب بأنه عولج.
admin-order-parcels = الطرود
admin-order-carrier = شركة الشحن:
admin-order-unknown = غير معروفة
admin-order-estimate = التقدير:
admin-order-estimate-carrier = { $date } (حسب شركة الشحن)
admin-order-estimate-wismo = من { $from } إلى { $until } (توقع wismo، { $confidence } % من الطرود المشابهة)
admin-order-estimate-none = لا يوجد بعد
admin-order-no-scans = لا توجد عمليات مسح بعد.
admin-order-scans = عمليات المسح، الأحدث أولًا: ما كتبته شركة الشحن وكيف فهمه wismo
admin-order-when = متى
admin-order-carrier-wrote = ما كتبته شركة الشحن
admin-order-wismo-read = ما فهمه wismo
admin-order-requests = طلبات العميل
admin-order-none = لا شيء.
admin-order-about = بخصوص
admin-order-note = ملاحظة (ما فعلته)
admin-order-mark-handled = علّمه بأنه عولج
admin-order-handled-label = عولج.
admin-order-note-label = ملاحظة:
admin-order-messages = الرسائل
admin-order-no-messages = لم تُرسل أي رسالة.
admin-order-messages-caption = الإشعارات المتعلقة بهذا الطلب وما آلت إليه
admin-order-what = ماذا
admin-order-to = إلى
admin-order-outcome = النتيجة
admin-order-attempts = { $n ->
    [one] بعد محاولة واحدة
    [two] بعد محاولتين
    [few] بعد { $n } محاولات
    [many] بعد { $n } محاولة
   *[other] بعد { $n } محاولة
}

admin-team-title = الفريق
admin-team-caption = الأشخاص الذين يمكنهم تسجيل الدخول إلى هذا المتجر
admin-team-role = الدور
admin-team-since = منذ
admin-team-not-set-up = (لم يُعدّ بعد)
admin-team-hint = أضف شخصًا بالأمر
admin-team-api-key = مفتاح API لهذا المتجر (الطلبات عبر API):

admin-nav-audit = التغييرات
admin-audit-title = التغييرات
admin-audit-caption = من غيّر ماذا في هذا المتجر، الأحدث أولًا
admin-audit-when = متى
admin-audit-who = مَن
admin-audit-what = ماذا
admin-audit-empty = لم يُغيَّر شيء بعد.
admin-audit-older = تغييرات أقدم
admin-audit-kept = { $days ->
    [one] تُحفظ التغييرات لمدة يوم واحد.
    [two] تُحفظ التغييرات لمدة يومين.
    [few] تُحفظ التغييرات لمدة { $days } أيام.
    [many] تُحفظ التغييرات لمدة { $days } يومًا.
   *[other] تُحفظ التغييرات لمدة { $days } يوم.
}
