# メールの文言(日本語)。メールではページの文言も一部使います
# (heading-*, delivered-on, estimate-window, items, quantity, action-*, date-*)。
# { $かっこ } 内のプレースホルダーは wismo が埋めます。そのまま残してください。
# $scope は、メールがご注文のすべての荷物についてなら `all`、一部の荷物についてなら
# `some` です。

email-subject-shipped = { $scope ->
    [some] ご注文 { $number } の一部を発送しました
   *[all] ご注文 { $number } を発送しました
}
email-subject-in_transit = { $scope ->
    [some] ご注文 { $number } の一部を輸送中です
   *[all] ご注文 { $number } を輸送中です
}
email-subject-out_for_delivery = { $scope ->
    [some] ご注文 { $number } の一部が配達中です
   *[all] ご注文 { $number } が配達中です
}
email-subject-delivered = { $scope ->
    [some] ご注文 { $number } の一部をお届けしました
   *[all] ご注文 { $number } をお届けしました
}
email-subject-delayed = { $scope ->
    [some] ご注文 { $number } の一部が遅れています
   *[all] ご注文 { $number } が遅れています
}
email-subject-action_required = { $scope ->
    [some] ご注文 { $number } の一部について対応が必要です
   *[all] ご注文 { $number } について対応が必要です
}
email-subject-exception = { $scope ->
    [some] ご注文 { $number } の一部に問題があります
   *[all] ご注文 { $number } に問題があります
}
email-subject-returned = { $scope ->
    [some] ご注文 { $number } の一部が返送されています
   *[all] ご注文 { $number } はショップへ返送されています
}
email-subject-available_for_pickup = { $scope ->
    [some] ご注文 { $number } の一部が受け取り可能です
   *[all] ご注文 { $number } が受け取り可能です
}
email-subject-delivery_date_changed = ご注文 { $number } のお届け予定日が変わりました
email-subject-order_confirmed = ご注文 { $number } を承りました
email-subject-fulfillment_stalled = ご注文 { $number } の発送に時間がかかっています
email-subject-tracking_link = ご注文 { $number } の配送状況はこちらから
email-subject-request_answered = ご注文 { $number } のお問い合わせについて

email-heading-shipped = ご注文を発送しました
email-heading-in_transit = ご注文を輸送中です
email-heading-out_for_delivery = 本日配達予定
email-heading-delivered = お届け済み
email-heading-delayed = 遅れています
email-heading-action_required = 配送業者がお客様の対応を必要としています
email-heading-exception = 配達に問題があります
email-heading-returned = ショップへ返送中
email-heading-available_for_pickup = 受け取り可能
email-heading-delivery_date_changed = 新しいお届け予定日
email-heading-order_confirmed = ご注文ありがとうございます
email-heading-fulfillment_stalled = ご注文に時間がかかっています
email-heading-tracking_link = ご注文の追跡ページ
email-heading-request_answered = お問い合わせへのお返事

# 荷物の段階ではない場面についての三つの答え。
email-happened-delivery_date_changed = ご注文のお届け予定日が変わりました。
email-next-delivery_date_changed = 配送業者は引き続き荷物を輸送しています。予定日がまた変わったらお知らせします。
email-todo-delivery_date_changed = 今のところ必要なことはありません。特定の日までに必要な場合は、ショップにお問い合わせください。
email-happened-fulfillment_stalled = ご注文はまだ発送されておらず、予定より遅れています。
email-next-fulfillment_stalled = ショップが準備を進めており、発送したら追跡情報をお送りします。
email-todo-fulfillment_stalled = 今のところ必要なことはありません。ご質問があれば、ショップにお問い合わせください。

email-opening-named = { $name } 様、{ $store } でのご注文 { $number } についてのお知らせです。
email-opening = { $store } でのご注文 { $number } についてのお知らせです。
email-note = { $store } からのメッセージ:

# 複数の荷物に分かれたご注文の段階ごとの一行: 「3個中2個の荷物をお届け済み」。
email-parcels-reached = { $milestone ->
    [shipped] { $count } 個中 { $reached } 個の荷物を発送済み
    [in_transit] { $count } 個中 { $reached } 個の荷物を輸送中
    [out_for_delivery] { $count } 個中 { $reached } 個の荷物が配達中
    [delivered] { $count } 個中 { $reached } 個の荷物をお届け済み
    [available_for_pickup] { $count } 個中 { $reached } 個の荷物が受け取り可能
   *[other] { $label }: { $count } 個中 { $reached } 個の荷物
}
email-parcels-heading = お荷物
email-parcel-line = { $carrier } { $tracking }: { $label }

email-expected = お届け予定: { $date }
email-date-changed = 当初の予定は { $before } でした。現在の予定は { $after } です。

email-track = ご注文を追跡する
email-why = このメールは、{ $store } でご注文いただいたためお送りしています。
email-unsubscribe = 配送状況のメールを停止する
email-support = ご質問は { $email } までお送りください。

# ショップ宛てのメール。
email-why-merchant = このメールは、このアドレスが wismo から { $store } のお知らせを受け取る設定になっているためお送りしています。
email-open = wismo で開く

email-request-subject = ご注文 { $number } について新しいご依頼があります
email-request-heading = お客様からのご依頼があります
email-request-from-named = { $name } 様からご注文 { $number } についてご連絡がありました。
email-request-from = お客様からご注文 { $number } についてご連絡がありました。
email-request-kind = 用件: { $kind }
email-request-message = お客様のメッセージ:
email-request-no-message = メッセージはありません。
email-request-reply = { $email } へ返信してください。

email-digest-subject = { $store } で確認が必要な荷物
email-digest-heading = 確認が必要な荷物
email-digest-intro = 次の荷物は、遅れている、止まっている、またはお客様の対応待ちです。
email-digest-line = ご注文 { $number } · { $carrier } { $tracking } · { $date } から{ $label }
email-digest-unshipped-intro = 期限内に発送されていないご注文:
email-digest-unshipped = ご注文 { $number }({ $date } 注文): まだ荷物がありません
email-digest-more = …ほか { $count } 件。

email-endpoint-subject = { $store } の Webhook エンドポイントが無効になりました
email-endpoint-heading = Webhook の配信を停止しました
email-endpoint-body = wismo は { $url } へのイベント送信を停止しました: { $date } から配信に失敗しています。
email-endpoint-error = 最後のエラー: { $error }
email-endpoint-todo = エンドポイントを修正してから、もう一度追加してください (POST /api/v1/webhook-endpoints)。無効になったエンドポイントにはイベントが届きません。

email-test-subject = { $store } 向けの wismo からのテストメール
email-test-heading = 正常に届いています
email-test-body = これは wismo からのテストです。このメールが読めれば、{ $store } のメールはこのアドレスに届きます。

email-reset-subject = wismo の { $store } の新しいパスワードを設定
email-reset-heading = 新しいパスワードを設定
email-reset-body = { $store } のアカウントについて、新しいパスワードのリクエストがありました(ご本人によるものと思われます)。リンクは1回限り、1時間有効です。
email-reset-button = 新しいパスワードを設定
email-reset-ignore = お心当たりがない場合は、このメールを無視してください。パスワードは変わりません。
email-invite-subject = { $email } さんが wismo の { $store } にあなたを招待しました
email-invite-heading = 招待が届いています
email-invite-body = { $email } さんが、注文と荷物を追跡する wismo で { $store } の運営を手伝うようあなたを招待しました。リンクは1回限り、7日間有効です。
email-invite-button = パスワードを設定
email-invite-ignore = お心当たりがない場合は、このメールを無視してください。あなたが操作しない限り何も起きません。
email-why-account = wismo の { $store } のアカウントに関するメールです。
