# Teksty strony śledzenia przesyłki, po polsku.
# Symbole zastępcze w { $nawiasach } wypełnia wismo; zostaw je bez zmian.
# Komunikaty `date-*` to wzorce dat (strftime): %A dzień tygodnia, %a skrót dnia, %-d dzień,
# %B miesiąc (w dopełniaczu: „grudnia”), %b skrót miesiąca, %H:%M godzina.
# Liczby odmieniają się w kategoriach one (1), few (2–4, 22–24…) i many (5–21, 25–31…).

page-title = Zamówienie { $number } · { $store }
greeting-named = { $name }, oto Twoje zamówienie { $number }
greeting = Twoje zamówienie { $number }
parcel-count = To zamówienie przyjdzie w { $count } paczkach.
parcel-heading = Paczka { $index } z { $count }

heading-happened = Co się stało
heading-next = Co będzie dalej
heading-todo = Co musisz zrobić

progress = Postęp
step-ordered = Zamówiono
step-shipped = Wysłano
step-in_transit = W drodze
step-out_for_delivery = W doręczeniu
step-delivered = Doręczono
step-current = (bieżący etap)

estimate-heading = Przewidywana dostawa
estimate-window = { $from } – { $until }
estimate-by-carrier = Termin podany przez { $carrier }.
estimate-predicted = Nasza prognoza na podstawie ostatnich dostaw.
estimate-unknown = Pokażemy datę dostawy, gdy tylko będziemy mogli ją oszacować.
delivered-on = Doręczono: { $date }

# Nagłówek karty paczki: jej stan i data w jednym zdaniu.
hero-arriving = Dostawa: { $date }
hero-arriving-window = Dostawa: { $from } – { $until }
hero-arriving-by = Dostawa najpóźniej: { $date }
hero-out-for-delivery = Dziś w doręczeniu
hero-unknown = W drodze
hero-was-due = Planowana dostawa: { $date }
estimate-stale = Jest później, niż planowano. Pokażemy nową datę, gdy tylko przewoźnik ją poda.
hero-delivered = Doręczono: { $date }
hero-carrier-note = Uwaga przewoźnika: { $note }
hero-pickup = Gotowa do odbioru
hero-pickup-since = Gotowa do odbioru (od: { $date })
hero-pickup-at = W punkcie { $place }
hero-pickup-until = Gotowa do odbioru (do: { $date })
hero-next-attempt = Kolejna próba doręczenia: { $date }.
fact-pickup = Punkt odbioru
fact-hours = Godziny otwarcia
fact-amount-due = Do zapłaty
fact-left-at = Pozostawiono
fact-signed-by = Podpisał(a)
do-pay-amount = Zapłać { $amount } na stronie { $carrier }
rating-question = Jak przebiegła dostawa?
rating-scale = 1 – źle, 5 – doskonale
rating-score = { $score } z 5
rating-given = Twoja ocena tej dostawy: { $score } z 5. Dotknij innej liczby, aby ją zmienić.
rating-too-many = Oceniono już kilka razy. Odczekaj chwilę przed ponowną oceną.
returns-heading = Zwroty
returns-start = Rozpocznij zwrot
hero-returned = Wraca do { $store }
hero-cancelled = Anulowano
hero-expired = Od dawna brak wiadomości od przewoźnika
hero-preparing = Przygotowujemy Twoje zamówienie
hero-exception = Doręczenie wstrzymane
hero-action_required = Przewoźnik potrzebuje Twojej pomocy
hero-delayed = Opóźnienie
hero-delayed-until = Opóźnienie, nowy termin dostawy najpóźniej: { $date }
hero-first-due = Pierwotny termin: { $date }.
do-pay-duties = Opłać należności importowe na stronie { $carrier }
do-rearrange = Zmień termin doręczenia na stronie { $carrier }
do-redeliver = Poproś o ponowne doręczenie
do-address = Popraw adres
do-map = Zobacz punkt odbioru na mapie
do-not-received = Status mówi „doręczono”, ale nie mam paczki
date-delivered = %A, %-d %B, %H:%M
step-problem = (tu wystąpił problem)
step-returning = Zwrot
step-ready_for_pickup = Do odbioru
step-collected = Odebrano
updates-show-all = { $count ->
    [one] Pokaż { $count } aktualizację
    [few] Pokaż wszystkie { $count } aktualizacje
   *[many] Pokaż wszystkie { $count } aktualizacji
}
updates-zone = Godziny według strefy { $zone } ({ $abbreviation }).
scan-label_created = Utworzono etykietę nadawczą
scan-picked_up = Odebrana przez przewoźnika
scan-arrived = Dotarła do oddziału przewoźnika
scan-departed = Opuściła oddział przewoźnika
scan-processed = Posortowana w oddziale przewoźnika
scan-customs = Odprawa celna
scan-in_transit = W drodze
scan-out_for_delivery = W doręczeniu
scan-attempted = Próba doręczenia
scan-at_pickup_point = Gotowa do odbioru
scan-delivered = Doręczona
scan-returning = Wraca do nadawcy
scan-delayed = Opóźniona
scan-problem = Zgłoszono problem

banner-delayed = Twoja paczka jest opóźniona
banner-action_required = Przewoźnik potrzebuje czegoś od Ciebie
banner-exception = Wystąpił problem z tym doręczeniem
reason-past_estimate = Nie dotarła w przewidywanym terminie.
reason-no_scans = Przewoźnik od kilku dni nie przekazał żadnych informacji.
reason-weather = Zła pogoda spowalnia doręczenia.
reason-carrier_delay = Przewoźnik ma opóźnienia.
reason-failed_attempt = Przewoźnik próbował doręczyć paczkę, ale nikt nie mógł jej odebrać.
reason-address_problem = Przewoźnik ma problem z adresem dostawy.
reason-customs_payment = Przed doręczeniem trzeba opłacić należności celne.
reason-customs_hold = Paczka została zatrzymana przez urząd celny.
reason-cash_on_delivery = Płatność przy odbiorze.
reason-damaged = Paczka została uszkodzona po drodze.
reason-held = Przewoźnik wstrzymał paczkę.
reason-refused = Odmówiono przyjęcia paczki.
reason-lost = Przewoźnik nie może odnaleźć paczki.

updates = Aktualizacje
no-scans = Jeszcze brak skanów. Ta strona odświeży się, gdy tylko przewoźnik przekaże informacje.
step-preparing = Przygotowanie
preparing-late = Przygotowanie zamówienia trwa dłużej, niż zakładano
preparing-rest = Przygotowujemy resztę Twojego zamówienia
preparing-waiting = Nadal w przygotowaniu
preparing-cancelled = To zamówienie zostało anulowane
preparing-ships-by = Powinno opuścić sklep najpóźniej: { $date }.
order-cancelled = Zamówienie anulowane
order-cancelled-happened = Sklep anulował to zamówienie.
order-cancelled-next = Nic więcej nie zostanie wysłane. Ewentualny zwrot pieniędzy zrobi sklep.
order-cancelled-todo = Jeśli to dla Ciebie zaskoczenie, skontaktuj się ze sklepem.
carrier-and-number = { $carrier } · Numer przesyłki
tracking-number = Numer przesyłki
carrier-site = Zobacz na stronie { $carrier }
items = W tym zamówieniu
quantity = × { $quantity }

support-heading = Potrzebujesz pomocy?
support-email = Napisz na { $email }
support-phone = Zadzwoń pod { $phone }
support-url = Odwiedź naszą stronę pomocy
faq-heading = Pytania i odpowiedzi
footer = Śledzenie przesyłek { $store }
skip-to-content = Przejdź do treści

not-found-title = Nie możemy znaleźć tej strony
not-found-body = Link może zawierać literówkę albo nie być już aktywny. Jeśli szukasz zamówienia, użyj linku z e-maila o wysyłce albo skontaktuj się ze sklepem, w którym złożono zamówienie.
error-title = Coś poszło nie tak po naszej stronie
error-body = Spróbuj ponownie za chwilę.
too-large-title = To więcej, niż ta strona może przyjąć
too-large-body = Przesłane dane są większe, niż ta strona akceptuje. Wróć, skróć je i spróbuj ponownie.
bad-request-title = Nie udało się tego odczytać
bad-request-body = Nie udało się odczytać przesłanych danych. Wróć i spróbuj ponownie.

date-event = %a, %-d %b, %H:%M
date-day = %A, %-d %B
date-day-short = %a, %-d %b

lookup-title = Śledź zamówienie · { $store }
lookup-heading = Śledź zamówienie
lookup-intro = Podaj numer zamówienia oraz adres e-mail lub kod pocztowy użyty przy zamówieniu.
lookup-order-number = Numer zamówienia
lookup-contact = E-mail lub kod pocztowy
lookup-submit = Znajdź moje zamówienie
lookup-not-found = Nie znaleźliśmy zamówienia o tych danych. Sprawdź numer zamówienia i podaj adres e-mail lub kod pocztowy użyty przy składaniu zamówienia.
lookup-too-many = Zbyt wiele prób. Spróbuj ponownie za { $wait }.
lookup-number-too-long = Numer zamówienia może mieć najwyżej { $max } { $max ->
    [one] znak
    [few] znaki
   *[many] znaków
}.
lookup-contact-too-long = Adres e-mail lub kod pocztowy może mieć najwyżej { $max } { $max ->
    [one] znak
    [few] znaki
   *[many] znaków
}.
lookup-refused = Dla Twojego bezpieczeństwa ten formularz działa tylko z tej strony. Odśwież ją i spróbuj ponownie.
widget-order-hint = W e-mailu z potwierdzeniem zamówienia, np. #1001
widget-busy = Szukamy Twojego zamówienia…
widget-opening = Znalezione. Otwieramy Twoje zamówienie…
widget-network = Nie udało się połączyć z usługą śledzenia. Sprawdź połączenie i spróbuj ponownie.
widget-failed = Coś poszło nie tak po naszej stronie. Spróbuj ponownie za chwilę.

actions-heading = Potrzebujesz czegoś?
actions-intro = Napisz do { $store } w sprawie tej dostawy. Odpowiedź przyjdzie e-mailem.
action-kind = Czego to dotyczy?
action-parcel = Której paczki to dotyczy?
action-not_received = Paczka do mnie nie dotarła
action-damaged = Paczka dotarła uszkodzona
action-wrong_address = Adres jest błędny
action-reschedule = Doręczcie ją innego dnia
action-redeliver = Proszę o ponowną próbę doręczenia
action-confirm_address = Mój adres jest poprawny, proszę o doręczenie
action-other = Coś innego
action-message = Chcesz coś dodać? (opcjonalnie)
action-submit = Wyślij do { $store }
action-sent = Dziękujemy. Twoja wiadomość trafiła do { $store }. Odpowiedź przyjdzie e-mailem.
action-too-many = Wysłano już kilka wiadomości. Poczekaj chwilę, zanim wyślesz kolejną.
action-too-long = Twoja wiadomość jest za długa: może mieć najwyżej { $max } { $max ->
    [one] znak
    [few] znaki
   *[many] znaków
}.
action-choose-parcel = Wybierz, której paczki to dotyczy.
action-choose-kind = Wybierz, czego to dotyczy.
action-kind-unfit = To nie pasuje do wybranej paczki. Wybierz ponownie, czego to dotyczy.

expired-title = Ten link do śledzenia wygasł
expired-body = Ze względu na prywatność linki do śledzenia przestają działać jakiś czas po doręczeniu. Nadal możesz znaleźć zamówienie po jego numerze i adresie e-mail.
expired-action = Znajdź moje zamówienie

# Link z e-maila platformy sklepu, zanim zamówienie trafiło do wismo.
order-ready-title = Przygotowujemy Twoje zamówienie
order-ready-body = { $store } ma Twoje zamówienie i je przygotowuje. Strona śledzenia otworzy się tutaj za chwilę.
order-ready-later = Ta strona nie odświeża się sama: sprawdź ponownie za minutę albo otwórz później link z e-maila.
order-ready-check = Sprawdź ponownie

# Strona wypisania, do której prowadzi e-mail z aktualizacją.
unsubscribe-title = Informacje o zamówieniach od { $store }
unsubscribe-ask = Wyłączyć e-maile o zamówieniach od { $store }? Strona śledzenia będzie nadal działać.
unsubscribe-button = Wypisz mnie
unsubscribe-done = Gotowe: nie będziesz już dostawać e-maili z aktualizacjami od { $store }.
resubscribe-ask = Zmiana zdania? Możesz znowu dostawać e-maile z aktualizacjami od { $store }.
resubscribe-button = Wysyłajcie mi znowu aktualizacje
resubscribe-done = Gotowe: znowu będziesz dostawać e-maile z aktualizacjami od { $store }.
unsubscribe-channels-ask = Albo wybierz, jak { $store } ma Cię informować:
unsubscribe-channel-email = E-maile na { $contact }
unsubscribe-channel-sms = SMS-y na { $contact }
unsubscribe-channel-whatsapp = Wiadomości WhatsApp na { $contact }
unsubscribe-channel-voice = Telefon na { $contact }, gdy trzeba coś zrobić
unsubscribe-channels-button = Zapisz moje wybory
unsubscribe-channels-done = Zapisano: { $store } będzie kontaktować się z Tobą tylko w zaznaczony sposób.

# Co strona radzi klientowi, gdy paczka jest w drodze: e-mail, jeśli sklep go wysyła
# (todo-email-MILESTONE), w przeciwnym razie że strona odświeża się sama.
todo-page = Na razie nic. Ta strona odświeża się sama: zajrzyj tu, kiedy chcesz.
todo-email-shipped = Na razie nic. Napiszemy do Ciebie, gdy zostanie wysłane.
todo-email-out_for_delivery = Na razie nic. Napiszemy do Ciebie, gdy kurier wyruszy z paczką.

# Obietnica w kasie na stronie sklepu (daty według wzorca `date-day-short`).
promise-arrives-on = Zamów dziś, dostawa: { $date }
promise-arrives-between = Zamów dziś, dostawa: { $from } – { $until }
