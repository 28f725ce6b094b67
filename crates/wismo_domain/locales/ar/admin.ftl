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
admin-nav-connect = الاتصالات
admin-connect-menu = الاتصالات
admin-connect-keys = مفاتيح API
admin-connect-webhooks = خطافات الويب
admin-connect-integrations = منصات المتاجر والاستيراد
admin-shown-once = انسخه الآن (حدّد الحقل وانسخه): لن يُعرض إلا هذه المرة ولن يظهر مجددًا أبدًا. احتفظ به سرًّا.
admin-owner-only = المفاتيح والأسرار لمالك المتجر وحده.
admin-check-fields = يُرجى مراجعة هذه الحقول:

admin-keys-title = مفاتيح API
admin-keys-intro = يتيح المفتاح لبرنامج ما استخدام API هذا المتجر (الطلبات، الشحنات). لا يُحفظ منه إلا أحرفه الأولى للتمييز بين المفاتيح.
admin-keys-revoked = أُلغي المفتاح: يُرفض من الآن فصاعدًا كل طلب API يستخدمه.
admin-keys-name-invalid = اختر للمفتاح اسمًا طوله من 1 إلى { $max } حرفًا.
admin-keys-never = أبدًا
admin-keys-created = المفتاح «{ $name }» جاهز
admin-keys-the-key = مفتاح API
admin-keys-new = مفتاح جديد
admin-keys-name = الاسم (الغرض من المفتاح)
admin-keys-create = أنشئ المفتاح
admin-keys-list = مفاتيح المتجر
admin-keys-none = لا توجد مفاتيح بعد.
admin-keys-revoked-label = ملغى
admin-keys-created-at = أُنشئ يوم { $when }
admin-keys-last-used = آخر استخدام: { $when }
admin-keys-revoked-at = أُلغي يوم { $when }
admin-keys-revoke = إلغاء…
admin-keys-revoke-warning = تتوقف البرامج التي تستخدم هذا المفتاح عن العمل فورًا. لا يمكن التراجع عن ذلك.
admin-keys-revoke-confirm = ألغِ «{ $name }»

admin-hooks-title = خطافات الويب
admin-hooks-intro = يرسل wismo الأحداث إلى نقاط النهاية الخاصة بك، موقّعةً وفق Standard Webhooks بسرّ كل نقطة نهاية.
admin-hooks-disabled = عُطّلت يوم { $when }: { $why }. لا يُرسل إليها شيء.
admin-hooks-deleted = حُذفت نقطة النهاية.
admin-hooks-rotated = لنقطة النهاية سرّ جديد؛ ويظل السر القديم يوقّع معه لمدة 24 ساعة.
admin-hooks-test-queued = وُضع حدث تجريبي في قائمة الانتظار: سيُرسل فورًا.
admin-hooks-retry-queued = أُعيدت الرسالة إلى قائمة الانتظار، بالمعرّف webhook-id نفسه.
admin-hooks-disabled-refused = نقطة النهاية هذه معطّلة: لا يُرسل إليها شيء.
admin-hooks-secret-for = سرّ التوقيع لـ { $url }
admin-hooks-secret = السر
admin-hooks-none = لا توجد نقاط نهاية بعد.
admin-hooks-since = منذ { $when }
admin-hooks-log = سجل الإرسال
admin-hooks-rotate = سرّ جديد
admin-hooks-delete = حذف…
admin-hooks-delete-warning = تُحذف نقطة النهاية وسجل الإرسال الخاص بها؛ ولن يُرسل إليها شيء بعد ذلك.
admin-hooks-delete-confirm = احذف نقطة النهاية
admin-hooks-new = نقطة نهاية جديدة
admin-hooks-url = عنوان URL الذي تُرسل إليه الأحداث
admin-hooks-url-hint = عنوان يبدأ بـ https:// على الإنترنت العام، دون اسم مستخدم أو كلمة مرور.
admin-hooks-events = الأحداث المطلوب إرسالها
admin-hooks-create = أضف نقطة النهاية
admin-hooks-back = كل نقاط النهاية
admin-hooks-test = أرسل حدثًا تجريبيًا
admin-hooks-no-deliveries = لم يُرسل شيء بعد.
admin-hooks-log-caption = آخر المحاولات، الأحدث أولًا
admin-hooks-event = الحدث
admin-hooks-answer = الرد
admin-hooks-retry = إعادة المحاولة
admin-hooks-attempt = المحاولة { $n }
admin-hooks-retry-label = أعد محاولة { $id }

admin-feeds-title = منصات المتاجر
admin-feeds-intro = يرسل متجرك طلباته إلى هنا عند تقديمها وعند تجهيزها للشحن، وكل منها موقّع بالسر المعيّن أدناه.
admin-feeds-secret-saved = حُفظ السر. لن يُعرض مرة أخرى أبدًا.
admin-feeds-shopify-needs-key = الصق مفتاح التوقيع من Shopify (الإعدادات ← الإشعارات ← Webhooks).
admin-feeds-secret-made = السر الخاص بـ { $platform }
admin-feeds-rotated = استُبدل السر؛ ويظل السر السابق مقبولًا لساعة أخرى.
admin-feeds-link-key-made = مفتاح روابط الطلبات
admin-feeds-link-key-rotated = استُبدل مفتاح روابط الطلبات: الروابط الموقّعة بالمفتاح القديم لم تعد تُفتح.
admin-feeds-secret-set = السر معيّن (منذ { $when }).
admin-feeds-previous-until = ويظل السر السابق مقبولًا حتى { $when }.
admin-feeds-shopify = Shopify
admin-feeds-woocommerce = WooCommerce
admin-feeds-generic = أي منصة أخرى (تدفق موقّع)
admin-feeds-url = عنوان URL للخطاف لتلصقه في المنصة
admin-feeds-no-secret = غير متصلة
admin-feeds-shopify-how = في Shopify (الإعدادات ← الإشعارات ← Webhooks)، أنشئ خطافات JSON إلى عنوان URL هذا لإنشاء الطلب وتحديثه وإلغائه ولإنشاء التجهيز (fulfillment) وتحديثه، ثم الصق مفتاح التوقيع المعروض هناك.
admin-feeds-woocommerce-how = في WooCommerce (الإعدادات ← متقدم ← Webhooks)، أضف خطافات لحدثَي «إنشاء طلب» و«تحديث طلب» إلى عنوان URL هذا مع السر (سرّك أنت، أو اترك الحقل فارغًا وسينشئ wismo سرًّا).
admin-feeds-generic-how = وقّع كل حدث وفق Standard Webhooks بالسر الذي ينشئه wismo (docs/INTEGRATIONS.md).
admin-feeds-shopify-key = مفتاح التوقيع من Shopify
admin-feeds-woo-secret = السر (إن تُرك فارغًا ينشئه wismo)
admin-feeds-replace = استبدل السر
admin-feeds-set = عيّن السر
admin-feeds-overlap = يظل السر السابق مقبولًا لمدة ساعة، حتى لا يضيع شيء أثناء تغييره.
admin-feeds-deliveries = آخر ما وصل
admin-feeds-no-deliveries = لم يصل شيء بعد.
admin-feeds-deliveries-caption = ما أرسلته { $platform }، الأحدث أولًا، وما آل إليه
admin-feeds-topic = الموضوع
admin-feeds-order = الطلب
admin-feeds-link-key = روابط صفحة الطلب في رسائل البريد الإلكتروني من منصتك
admin-feeds-link-key-set = المفتاح معيّن.
admin-feeds-link-key-none = لا مفتاح بعد
admin-feeds-link-format = صيغة الرابط
admin-feeds-link-hint = التوقيع هو HMAC-SHA256 بصيغة ست عشرية بأحرف صغيرة لاسم المنصة ثم نقطتين رأسيتين ثم معرّف الطلب، محسوبًا بالمفتاح (في docs/INTEGRATIONS.md مقتطفات جاهزة لرسائل البريد).
admin-feeds-link-rotate = استبدل المفتاح…
admin-feeds-link-rotate-warning = لن تُفتح بعد الآن الروابط في الرسائل المرسلة من قبل.
admin-feeds-link-rotate-confirm = استبدل المفتاح
admin-feeds-link-make = أنشئ المفتاح

admin-aggr-title = مجمّعات التتبع
admin-aggr-intro = إذا كان EasyPost أو AfterShip أو 17TRACK يتتبع طرودك، فوجّه خطافاته إلى عنوان URL أدناه واحفظ سر التوقيع الذي تعرضه لوحة التحكم الخاصة به. يحلّ السر الجديد محل القديم فورًا.
admin-aggr-set = السر معيّن.
admin-aggr-secret = سر التوقيع من { $provider }
admin-aggr-saved = حُفظ سر المجمّع. لن يُعرض مرة أخرى أبدًا.
admin-aggr-needs-secret = الصق سر التوقيع الذي تعرضه لوحة تحكم المجمّع.

admin-import-title = استيراد الطلبات من ملف CSV
admin-import-intro = صف واحد لكل طرد؛ تُعرّف الصفوف برقم الطلب ورقم التتبع، لذا فإن استيراد الملف نفسه مرة أخرى لا ينشئ شيئًا جديدًا (docs/CSV_IMPORT.md). الحد الأقصى 20 MiB.
admin-import-file = ملف CSV
admin-import-skip-invalid = استورد الصفوف السليمة واعرض الأخرى في قائمة (وإلا فإن صفًا واحدًا خاطئًا يوقف الملف كله)
admin-import-upload = ارفع واستورد
admin-import-status = الحالة
admin-import-rows = الصفوف
admin-import-started = البدء
admin-import-finished = الانتهاء
admin-import-counts = الطلبات
admin-import-counts-text = أُنشئ: { $created }، حُدّث: { $updated }، طرود جديدة: { $shipments }
admin-import-reload = الاستيراد جارٍ.
admin-import-refresh = حدّث الصفحة
admin-import-errors = الصفوف المرفوضة ({ $n })
admin-import-errors-caption = ما تعذّر استيراده، حسب السطر (السطر 1 هو سطر العناوين)
admin-import-line = السطر
admin-import-column = العمود
admin-import-message = السبب
admin-import-back = العودة إلى منصات المتاجر والاستيراد
admin-import-unreadable-title = تعذّرت قراءة الملف المرفوع
admin-import-unreadable-body = أرسل النموذج مرة أخرى مع ملف CSV واحد لا يتجاوز 20 MiB.
admin-import-empty-title = الملف فارغ
admin-import-empty-body = اختر ملف CSV فيه سطر عناوين وصف واحد على الأقل.
