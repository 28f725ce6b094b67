# Teksty panelu sklepu.
admin-skip = Przejdź do treści
admin-nav-label = Panel
admin-nav-attention = Do zrobienia
admin-nav-team = Zespół
admin-sign-out = Wyloguj się
admin-sign-out-everywhere = Wyloguj się wszędzie
admin-back = Wróć do panelu
admin-title-suffix = panel wismo

admin-login-title = Zaloguj się
admin-email = E-mail
admin-password = Hasło
admin-login-button = Zaloguj się
admin-login-forgot = Nie pamiętasz hasła? Operator serwera może wysłać Ci nowy link:
admin-login-wrong = E-mail lub hasło jest nieprawidłowe.
admin-login-throttled = Zbyt wiele prób z tego miejsca. Odczekaj minutę i spróbuj ponownie.

admin-setup-title-password = Wybierz hasło
admin-setup-title-welcome = Witamy w wismo
admin-setup-claim-new = Ten link czyni Cię właścicielem nowego sklepu. Działa jeden raz, przez godzinę.
admin-setup-claim-existing = Ten link czyni Cię właścicielem sklepu na tym serwerze. Działa jeden raz, przez godzinę.
admin-setup-account = Konto:
admin-setup-your-email = Twój e-mail
admin-setup-store-name = Nazwa Twojego sklepu
admin-setup-new-password = Nowe hasło
admin-setup-password-hint = Co najmniej 12 znaków; kilka słów łatwo zapamiętać.
admin-setup-button = Zapisz i zaloguj się
admin-setup-bad-email = Podaj prawidłowy adres e-mail.
admin-setup-bad-store = Nadaj sklepowi nazwę zawierającą litery lub cyfry (najwyżej 100 znaków).
admin-setup-short-password = Hasło musi mieć co najmniej 12 znaków.
admin-setup-long-password = Hasło może mieć najwyżej 256 znaków.
admin-setup-email-taken = Ktoś już loguje się tym adresem e-mail.
admin-setup-store-taken = Sklep o tej nazwie już istnieje: wybierz inną nazwę.

admin-gone-title = Ten link wygasł albo został już użyty
admin-gone-body = Linki konfiguracyjne działają jeden raz, przez godzinę. Poproś właściciela sklepu lub operatora serwera o nowy.
admin-csrf-title = Ten formularz wygasł
admin-csrf-body = Formularz nie został wysłany z tej strony albo jest zbyt stary. Wróć, odśwież stronę i spróbuj ponownie.
admin-forbidden-title = Tę stronę może otworzyć tylko właściciel sklepu
admin-forbidden-body = Poproś właściciela sklepu, jeśli trzeba tu coś zmienić.
admin-not-found-title = Nie znaleziono
admin-not-found-body = Nic tu nie ma albo należy to do innego sklepu.
admin-failed-title = Coś poszło nie tak
admin-failed-body = wismo nie mogło tego zrobić. Spróbuj ponownie za chwilę; więcej jest w dzienniku serwera.

admin-search-label = Znajdź zamówienie
admin-search-placeholder = Numer zamówienia, e-mail, nazwisko lub numer przesyłki
admin-search-button = Szukaj
admin-search-results = Zamówienia pasujące do „{ $query }”
admin-search-none = Żadne zamówienie nie pasuje.
admin-search-more = Więcej zamówień
admin-order-label = Zamówienie { $number }
admin-attention-title = Wymaga uwagi
admin-attention-all = Pokaż wszystkie rodzaje
admin-attention-calm = W tej chwili nic nie wymaga Twojej uwagi.
admin-attention-since = od { $when }
admin-attention-next-page = Najstarsze najpierw: następna strona

admin-kind-exception = Wyjątek
admin-kind-action_required = Wymagane działanie
admin-kind-delayed = Opóźnienie
admin-kind-expired = Śledzenie wygasło
admin-kind-request = Prośba klienta
admin-kind-failed_notification = Wiadomość niewysłana
admin-kind-not_shipped = Niewysłane
admin-next-exception = Skontaktuj się z przewoźnikiem, a potem poinformuj klienta.
admin-next-action_required = Ktoś musi zadziałać (nieudana próba, adres, płatność): ustal to z klientem.
admin-next-delayed = Miej to na oku; klient widzi opóźnienie na swojej stronie.
admin-next-expired = Brak wiadomości od 30 dni: zapytaj przewoźnika, czy paczka zaginęła.
admin-next-request = Odpowiedz klientowi, a potem oznacz prośbę jako załatwioną.
admin-next-failed_notification = Sprawdź dane kontaktowe klienta; wyślij mu link w inny sposób.
admin-next-not_shipped = Wyślij zamówienie albo powiedz klientowi, kiedy wyjdzie; dodaj numer przesyłki, gdy zostanie nadane.
admin-why-parcel = Paczka ma stan: { $state }
admin-why-request = Klient prosi: { $kind }
admin-why-failed = Nie udało się wysłać wiadomości przez { $channel }
admin-why-not-shipped = { $days ->
    [one] Jeszcze bez paczki, { $days } dzień roboczy po zamówieniu
    [few] Jeszcze bez paczki, { $days } dni robocze po zamówieniu
   *[many] Jeszcze bez paczki, { $days } dni roboczych po zamówieniu
}

admin-order-back = ← Wymaga uwagi
admin-order-customer = Klient
admin-order-name = Imię i nazwisko
admin-order-phone = Telefon
admin-order-ships-to = Adres wysyłki
admin-order-items = Produkty
admin-order-stage = Etap
admin-order-source = Źródło
admin-order-promise = Obiecane przy zakupie
admin-order-promise-window = { $from } – { $until }, wysyłka najpóźniej: { $ships_by } ({ $basis })
admin-order-stalled = Niewysłane na czas od
admin-order-link = Prywatny link
admin-order-link-label = Strona klienta (zaznacz, aby skopiować)
admin-order-reissue = Unieważnij i utwórz nowy link
admin-order-reissued = Utworzono nowy prywatny link; stary już nie działa.
admin-order-handled = Prośba została oznaczona jako załatwiona.
admin-order-parcels = Paczki
admin-order-carrier = Przewoźnik:
admin-order-unknown = nieznany
admin-order-estimate = Prognoza:
admin-order-estimate-carrier = { $date } (według przewoźnika)
admin-order-estimate-wismo = { $from } – { $until } (prognoza wismo, { $confidence } % podobnych paczek)
admin-order-estimate-none = jeszcze brak
admin-order-no-scans = Jeszcze brak skanów.
admin-order-scans = Skany, od najnowszych: co napisał przewoźnik i jak odczytało to wismo
admin-order-when = Kiedy
admin-order-carrier-wrote = Przewoźnik napisał
admin-order-wismo-read = wismo odczytało
admin-order-requests = Prośby klienta
admin-order-none = Brak.
admin-order-about = dotyczy
admin-order-note = Notatka (co zostało zrobione)
admin-order-mark-handled = Oznacz jako załatwione
admin-order-handled-label = Załatwione.
admin-order-note-label = Notatka:
admin-order-messages = Wiadomości
admin-order-no-messages = Nic nie wysłano.
admin-order-messages-caption = Powiadomienia o tym zamówieniu i ich los
admin-order-what = Co
admin-order-to = Do
admin-order-outcome = Wynik
admin-order-attempts = { $n ->
    [one] po { $n } próbie
   *[many] po { $n } próbach
}

admin-team-title = Zespół
admin-team-caption = Osoby, które mogą logować się do tego sklepu
admin-team-role = Rola
admin-team-since = Od
admin-team-not-set-up = (jeszcze nieskonfigurowane)
admin-team-hint = Dodaj osobę poleceniem
admin-team-api-key = Klucz API tego sklepu (zamówienia przez API):

admin-nav-audit = Zmiany
admin-audit-title = Zmiany
admin-audit-caption = Kto co zmienił w tym sklepie, od najnowszych
admin-audit-when = Kiedy
admin-audit-who = Kto
admin-audit-what = Co
admin-audit-empty = Nic jeszcze nie zmieniono.
admin-audit-older = Starsze zmiany
admin-audit-kept = Zmiany są przechowywane przez { $days } dni.
