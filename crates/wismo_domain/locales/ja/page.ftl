# 追跡ページの文言(日本語)。
# { $かっこ } 内のプレースホルダーは wismo が埋めます。そのまま残してください。
# `date-*` メッセージは日付の書式 (strftime) です: %A 曜日、%a 短い曜日、%-d 日、
# %B 月、%b 短い月、%H:%M 時刻。日本語の日付の書き方に合わせて並べます。

page-title = ご注文 { $number } · { $store }
greeting-named = { $name } 様、ご注文 { $number } の状況です
greeting = ご注文 { $number }
parcel-count = このご注文は { $count } 個の荷物に分けて届きます。
parcel-heading = 荷物 { $index } / { $count }

heading-happened = 何が起きたか
heading-next = 次に起きること
heading-todo = お客様がすること

progress = 進み具合
step-ordered = 注文
step-shipped = 発送
step-in_transit = 輸送中
step-out_for_delivery = 配達中
step-delivered = お届け済み
step-current = (現在の段階)

estimate-heading = お届け予定日
estimate-window = { $from }~{ $until }
estimate-by-carrier = { $carrier } による予定日です。
estimate-predicted = 最近の配達実績からの予測です。
estimate-unknown = お届け予定日は、予測でき次第表示します。
delivered-on = { $date } にお届け済み

# 荷物のカードの見出し: 状況と日付を一文で。
hero-arriving = { $date } にお届け予定
hero-arriving-window = { $from }~{ $until } にお届け予定
hero-arriving-by = { $date } までにお届け予定
hero-out-for-delivery = 本日配達予定
hero-unknown = 輸送中
hero-was-due = { $date } にお届けの予定でした
estimate-stale = 予定より遅れています。配送業者から新しい日付が届き次第表示します。
hero-delivered = { $date } にお届け済み
hero-carrier-note = 配送業者からのメモ: { $note }
hero-pickup = 受け取り可能
hero-pickup-since = { $date } から受け取り可能
hero-pickup-at = 受取場所: { $place }
hero-pickup-until = { $date } まで受け取り可能
hero-next-attempt = 配送業者は { $date } に再配達します。
fact-pickup = 受取場所
fact-hours = 営業時間
fact-amount-due = お支払い金額
fact-left-at = 置き場所
fact-signed-by = 受領者
do-pay-amount = { $carrier } のサイトで { $amount } を支払う
rating-question = 配達はいかがでしたか?
rating-scale = 1 は不満、5 は大変満足
rating-score = 5 段階中 { $score }
rating-given = この配達を 5 段階中 { $score } と評価しました。別の数字を押すと変更できます。
rating-too-many = すでに何度か評価されています。しばらくしてからもう一度評価してください。
returns-heading = 返品
returns-start = 返品を始める
hero-returned = { $store } へ返送中
hero-cancelled = 取り消し済み
hero-expired = 配送業者から長期間連絡がありません
hero-preparing = ご注文の準備中
hero-exception = 配達が保留されています
hero-action_required = 配送業者がお客様の対応を待っています
hero-delayed = 遅れています
hero-delayed-until = 遅れています: { $date } までにお届け予定
hero-first-due = 当初の予定は { $date } でした。
do-pay-duties = { $carrier } のサイトで輸入関税を支払う
do-rearrange = { $carrier } のサイトで配達日時を変更する
do-redeliver = 再配達を依頼する
do-address = 住所を訂正する
do-map = 受取場所を地図で見る
do-not-received = お届け済みと表示されていますが、受け取っていません
date-delivered = %B%-d日(%a) %H:%M
step-problem = (ここで問題発生)
step-returning = 返送中
step-ready_for_pickup = 受け取り可能
step-collected = 受け取り済み
updates-show-all = 更新をすべて表示 ({ $count } 件)
updates-zone = 時刻は { $zone } の時間 ({ $abbreviation }) です。
scan-label_created = 送り状を作成
scan-picked_up = 配送業者が集荷
scan-arrived = 配送業者の拠点に到着
scan-departed = 配送業者の拠点から出発
scan-processed = 配送業者の拠点で仕分け
scan-customs = 通関手続き
scan-in_transit = 輸送中
scan-out_for_delivery = 配達中
scan-attempted = 配達を試みました
scan-at_pickup_point = 受け取り可能
scan-delivered = お届け済み
scan-returning = 差出人へ返送中
scan-delayed = 遅延
scan-problem = 問題が報告されました

banner-delayed = 荷物の到着が遅れています
banner-action_required = 配送業者がお客様の対応を必要としています
banner-exception = この配達に問題があります
reason-past_estimate = 予定日を過ぎてもまだ届いていません。
reason-no_scans = 配送業者から数日間連絡がありません。
reason-weather = 悪天候のため配達が遅れています。
reason-carrier_delay = 配送業者の作業が予定より遅れています。
reason-failed_attempt = 配送業者が配達を試みましたが、受け取れる方がいませんでした。
reason-address_problem = お届け先の住所に問題があります。
reason-customs_payment = 配達の前に関税の支払いが必要です。
reason-customs_hold = 荷物が税関で止められています。
reason-cash_on_delivery = 配達時にお支払いが必要です。
reason-damaged = 輸送中に荷物が破損しました。
reason-held = 配送業者が荷物を保管しています。
reason-refused = 受け取りが拒否されました。
reason-lost = 配送業者が荷物の所在を確認できていません。

updates = 更新履歴
no-scans = まだ記録はありません。配送業者から情報が届き次第、このページが更新されます。
step-preparing = 準備中
preparing-late = ご注文の準備に予定より時間がかかっています
preparing-rest = 残りのご注文を準備中です
preparing-waiting = まだ準備中です
preparing-cancelled = このご注文は取り消されました
preparing-ships-by = { $date } までにショップから発送される予定です。
order-cancelled = ご注文は取り消されました
order-cancelled-happened = ショップがこのご注文を取り消しました。
order-cancelled-next = これ以上発送されるものはありません。返金はショップから行われます。
order-cancelled-todo = 心当たりがない場合は、ショップにお問い合わせください。
carrier-and-number = { $carrier } · 追跡番号
tracking-number = 追跡番号
carrier-site = { $carrier } のサイトで見る
items = ご注文の内容
quantity = × { $quantity }

support-heading = お困りですか?
support-email = { $email } にメールする
support-phone = { $phone } に電話する
support-url = ヘルプページを見る
faq-heading = よくある質問
footer = { $store } による追跡
skip-to-content = 本文へ移動

not-found-title = ページが見つかりません
not-found-body = リンクが間違っているか、すでに無効になっている可能性があります。ご注文をお探しの場合は、発送メールのリンクを使うか、ご注文のショップにお問い合わせください。
error-title = こちら側で問題が発生しました
error-body = 少し時間をおいてから、もう一度お試しください。
too-large-title = このページで受け付けられる量を超えています
too-large-body = 送信された内容が、このページで受け付けられる大きさを超えています。前のページに戻り、短くしてからもう一度お試しください。
bad-request-title = 内容を読み取れませんでした
bad-request-body = 送信された内容を読み取れませんでした。前のページに戻って、もう一度お試しください。

date-event = %B%-d日(%a) %H:%M
date-day = %B%-d日(%a)
date-day-short = %B%-d日(%a)

lookup-title = ご注文の追跡 · { $store }
lookup-heading = ご注文の追跡
lookup-intro = 注文番号と、ご注文時のメールアドレスまたは郵便番号を入力してください。
lookup-order-number = 注文番号
lookup-contact = メールアドレスまたは郵便番号
lookup-submit = 注文を探す
lookup-not-found = 入力された内容に一致するご注文が見つかりませんでした。注文番号を確認し、ご注文時のメールアドレスまたは郵便番号を入力してください。
lookup-too-many = 試行回数が多すぎます。{ $wait } 後にもう一度お試しください。
lookup-number-too-long = 注文番号は { $max } 文字以内です。
lookup-contact-too-long = メールアドレスまたは郵便番号は { $max } 文字以内です。
lookup-refused = 安全のため、このフォームはこのページからのみ送信できます。ページを再読み込みして、もう一度お試しください。
widget-order-hint = ご注文確認メールに記載されています（例：#1001）
widget-busy = ご注文を検索しています…
widget-opening = 見つかりました。ご注文を開いています…
widget-network = 追跡サービスに接続できませんでした。接続を確認して、もう一度お試しください。
widget-failed = こちら側で問題が発生しました。しばらくしてからもう一度お試しください。

actions-heading = ご用件はありますか?
actions-intro = この配達について { $store } にお知らせください。メールで返信があります。
action-kind = どのようなご用件ですか?
action-parcel = どの荷物についてですか?
action-not_received = 受け取っていません
action-damaged = 破損した状態で届きました
action-wrong_address = 住所が間違っています
action-reschedule = 別の日に配達してほしい
action-redeliver = もう一度配達してほしい
action-confirm_address = 住所は正しいので、配達してほしい
action-other = その他
action-message = ほかに伝えたいことはありますか?(任意)
action-submit = { $store } に送信
action-sent = ありがとうございます。{ $store } がメッセージを受け取りました。メールで返信があります。
action-too-many = すでに何件かメッセージを送信されています。次のメッセージは少し時間をおいてから送信してください。
action-too-long = メッセージが長すぎます。{ $max } 文字以内にしてください。
action-choose-parcel = どの荷物についてか選んでください。
action-choose-kind = ご用件を選んでください。
action-kind-unfit = 選んだ荷物には当てはまらないご用件です。もう一度ご用件を選んでください。

expired-title = この追跡リンクは有効期限が切れています
expired-body = プライバシー保護のため、追跡リンクはお届けからしばらくすると使えなくなります。注文番号とメールアドレスで、ご注文を探すことはできます。
expired-action = 注文を探す

# ショップのプラットフォームからのメールのリンク。ご注文が wismo に届く前。
order-ready-title = ご注文の準備をしています
order-ready-body = { $store } がご注文を受け付け、準備をしています。まもなくここに追跡ページが開きます。
order-ready-later = このページは自動では更新されません。1分ほどしてからもう一度確認するか、後でメールのリンクを開き直してください。
order-ready-check = もう一度確認する

# 更新メールからリンクされる配信停止ページ。
unsubscribe-title = { $store } からのご注文の更新
unsubscribe-ask = { $store } からのご注文に関するメールを停止しますか?追跡ページは引き続きご利用いただけます。
unsubscribe-button = 配信を停止する
unsubscribe-done = 完了しました: { $store } から更新メールは届かなくなります。
resubscribe-ask = 気が変わりましたか?{ $store } からの更新メールを再び受け取ることができます。
resubscribe-button = 更新メールを再び受け取る
resubscribe-done = 完了しました: { $store } から再び更新メールが届きます。
unsubscribe-channels-ask = または、{ $store } からのお知らせの受け取り方を選んでください:
unsubscribe-channel-email = { $contact } へのメール
unsubscribe-channel-sms = { $contact } へのSMS
unsubscribe-channel-whatsapp = { $contact } へのWhatsAppメッセージ
unsubscribe-channel-voice = 対応が必要なときに { $contact } へ電話
unsubscribe-channels-button = 選択を保存する
unsubscribe-channels-done = 保存しました: { $store } からは、チェックした方法でのみご連絡します。

# 荷物の輸送中にお客様がすること。ショップがメールを送る場合はメール (todo-email-MILESTONE)、
# そうでなければページが自動で更新されること。
todo-page = 今のところ必要なことはありません。このページは自動で更新されます。いつでもご確認ください。
todo-email-shipped = 今のところ必要なことはありません。発送したらメールでお知らせします。
todo-email-out_for_delivery = 今のところ必要なことはありません。配達に出たらメールでお知らせします。

# ショップのサイトでの購入時のお約束(日付は `date-day-short` の書式)。
promise-arrives-on = 今日のご注文で { $date } にお届け
promise-arrives-between = 今日のご注文で { $from }~{ $until } にお届け
