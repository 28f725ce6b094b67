# Teksty e-maili, po polsku. E-maile używają też niektórych tekstów strony
# (heading-*, delivered-on, estimate-window, items, quantity, action-*, date-*).
# Symbole zastępcze w { $nawiasach } wypełnia wismo; zostaw je bez zmian.
# $scope to `all`, gdy e-mail dotyczy wszystkich paczek zamówienia, a `some`, gdy tylko
# niektórych z nich.

email-subject-shipped = { $scope ->
    [some] Część Twojego zamówienia { $number } została wysłana
   *[all] Twoje zamówienie { $number } zostało wysłane
}
email-subject-in_transit = { $scope ->
    [some] Część Twojego zamówienia { $number } jest w drodze
   *[all] Twoje zamówienie { $number } jest w drodze
}
email-subject-out_for_delivery = { $scope ->
    [some] Część Twojego zamówienia { $number } jest w doręczeniu
   *[all] Twoje zamówienie { $number } jest w doręczeniu
}
email-subject-delivered = { $scope ->
    [some] Część Twojego zamówienia { $number } została doręczona
   *[all] Twoje zamówienie { $number } zostało doręczone
}
email-subject-delayed = { $scope ->
    [some] Część Twojego zamówienia { $number } jest opóźniona
   *[all] Twoje zamówienie { $number } jest opóźnione
}
email-subject-action_required = { $scope ->
    [some] Potrzebne działanie w sprawie części zamówienia { $number }
   *[all] Potrzebne działanie w sprawie zamówienia { $number }
}
email-subject-exception = { $scope ->
    [some] Problem z częścią Twojego zamówienia { $number }
   *[all] Problem z Twoim zamówieniem { $number }
}
email-subject-returned = { $scope ->
    [some] Część Twojego zamówienia { $number } wraca do sklepu
   *[all] Twoje zamówienie { $number } wraca do sklepu
}
email-subject-available_for_pickup = { $scope ->
    [some] Część Twojego zamówienia { $number } czeka na odbiór
   *[all] Twoje zamówienie { $number } czeka na odbiór
}
email-subject-delivery_date_changed = Nowy termin dostawy zamówienia { $number }
email-subject-order_confirmed = Mamy Twoje zamówienie { $number }
email-subject-fulfillment_stalled = Wysyłka zamówienia { $number } trwa dłużej
email-subject-tracking_link = Śledź tutaj swoje zamówienie { $number }
email-subject-request_answered = W sprawie Twojej prośby dotyczącej zamówienia { $number }

email-heading-shipped = Twoje zamówienie zostało wysłane
email-heading-in_transit = Twoje zamówienie jest w drodze
email-heading-out_for_delivery = Dziś w doręczeniu
email-heading-delivered = Doręczono
email-heading-delayed = Opóźnienie
email-heading-action_required = Przewoźnik potrzebuje czegoś od Ciebie
email-heading-exception = Wystąpił problem z doręczeniem
email-heading-returned = Wraca do sklepu
email-heading-available_for_pickup = Gotowe do odbioru
email-heading-delivery_date_changed = Nowy termin dostawy
email-heading-order_confirmed = Dziękujemy za zamówienie
email-heading-fulfillment_stalled = Twoje zamówienie potrwa dłużej
email-heading-tracking_link = Strona śledzenia Twojego zamówienia
email-heading-request_answered = Odpowiedź na Twoją prośbę

# Trzy odpowiedzi dla chwil, które nie są etapem paczki.
email-happened-delivery_date_changed = Zmienił się przewidywany termin dostawy Twojego zamówienia.
email-next-delivery_date_changed = Przewoźnik nadal wiezie Twoją paczkę. Damy Ci znać, jeśli termin znowu się zmieni.
email-todo-delivery_date_changed = Na razie nic. Jeśli potrzebujesz paczki na konkretny dzień, skontaktuj się ze sklepem.
email-happened-fulfillment_stalled = Twoje zamówienie nie zostało jeszcze wysłane, później, niż zakładano.
email-next-fulfillment_stalled = Sklep je przygotowuje i wyśle Ci dane do śledzenia, gdy tylko je nada.
email-todo-fulfillment_stalled = Na razie nic. Jeśli masz pytania, skontaktuj się ze sklepem.

email-opening-named = Cześć { $name }, oto wiadomości o Twoim zamówieniu { $number } w { $store }.
email-opening = Dzień dobry, oto wiadomości o Twoim zamówieniu { $number } w { $store }.
email-note = Wiadomość od { $store }:

# Wiersz dla zamówień w kilku paczkach, według etapu: „Doręczone paczki: 2 z 3”.
email-parcels-reached = { $milestone ->
    [shipped] Wysłane paczki: { $reached } z { $count }
    [in_transit] Paczki w drodze: { $reached } z { $count }
    [out_for_delivery] Paczki w doręczeniu: { $reached } z { $count }
    [delivered] Doręczone paczki: { $reached } z { $count }
    [available_for_pickup] Paczki gotowe do odbioru: { $reached } z { $count }
   *[other] { $label }: { $reached } z { $count } paczek
}
email-parcels-heading = Twoje paczki
email-parcel-line = { $carrier } { $tracking }: { $label }

email-expected = Przewidywana dostawa: { $date }
email-date-changed = Poprzedni termin: { $before }. Nowy termin: { $after }.

email-track = Śledź zamówienie
email-why = Dostajesz ten e-mail, ponieważ złożono zamówienie w { $store }.
email-unsubscribe = Wyłącz e-maile o wysyłce
email-support = Pytania? Napisz na { $email }.

# E-maile do sklepu.
email-why-merchant = Dostajesz ten e-mail, ponieważ ten adres otrzymuje powiadomienia { $store } z wismo.
email-open = Otwórz w wismo

email-request-subject = Nowa prośba dotycząca zamówienia { $number }
email-request-heading = Klient czegoś potrzebuje
email-request-from-named = { $name } napisał(a) w sprawie zamówienia { $number }.
email-request-from = Klient napisał w sprawie zamówienia { $number }.
email-request-kind = Dotyczy: { $kind }
email-request-message = Wiadomość klienta:
email-request-no-message = Klient nie dodał wiadomości.
email-request-reply = Odpowiedz na { $email }.

email-digest-subject = Paczki wymagające uwagi w { $store }
email-digest-heading = Paczki wymagające uwagi
email-digest-intro = Te paczki są opóźnione, utknęły albo czekają na klienta.
email-digest-line = Zamówienie { $number } · { $carrier } { $tracking } · { $label } (od: { $date })
email-digest-unshipped-intro = Zamówienia niewysłane na czas:
email-digest-unshipped = Zamówienie { $number } (złożone: { $date }): jeszcze bez paczki
email-digest-more = { $count ->
    [one] …i jeszcze { $count } pozycja.
    [few] …i jeszcze { $count } pozycje.
   *[many] …i jeszcze { $count } pozycji.
}

email-endpoint-subject = Wyłączono punkt końcowy webhooka sklepu { $store }
email-endpoint-heading = Wysyłanie webhooków zatrzymane
email-endpoint-body = wismo przestało wysyłać zdarzenia do { $url }: dostarczanie kończy się błędem (od: { $date }).
email-endpoint-error = Ostatni błąd: { $error }
email-endpoint-todo = Napraw punkt końcowy, a potem dodaj go ponownie (POST /api/v1/webhook-endpoints): wyłączony punkt końcowy nie dostaje już zdarzeń.

email-test-subject = E-mail testowy z wismo dla { $store }
email-test-heading = Działa
email-test-body = To jest test z wismo. Jeśli możesz go przeczytać, e-maile dla { $store } docierają na ten adres.

email-reset-subject = Ustaw nowe hasło do { $store } w wismo
email-reset-heading = Ustaw nowe hasło
email-reset-body = Ktoś, miejmy nadzieję, że Ty, poprosił o nowe hasło do Twojego konta w { $store }. Link działa raz, przez godzinę.
email-reset-button = Ustaw nowe hasło
email-reset-ignore = Jeśli to nie Ty, zignoruj tę wiadomość: Twoje hasło się nie zmieni.
email-invite-subject = Zaproszenie do { $store } w wismo od: { $email }
email-invite-heading = Masz zaproszenie
email-invite-body = Zaproszenie od: { $email }. Możesz pomagać prowadzić { $store } w wismo, gdzie śledzone są zamówienia i przesyłki. Link działa raz, przez 7 dni.
email-invite-button = Ustaw swoje hasło
email-invite-ignore = Jeśli nie wiesz, o co chodzi, zignoruj tę wiadomość: bez Ciebie nic się nie stanie.
email-why-account = Otrzymujesz tę wiadomość w związku z Twoim kontem w { $store } w wismo.
