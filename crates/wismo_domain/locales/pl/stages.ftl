# Nazwy etapów i trzy proste odpowiedzi dla każdego etapu, po polsku.
# Każdy komunikat to nazwa etapu; jego atrybuty odpowiadają:
#   .happened  co się stało
#   .next      co będzie dalej
#   .todo      co należy zrobić
# Forma zwracania się: Ty (Twój, Twoja, Twoje wielką literą).

stage-ordered = Zamówienie potwierdzone
    .happened = Sklep ma Twoje zamówienie i je przygotowuje.
    .next = Sklep przekaże paczkę przewoźnikowi i wyśle Ci dane do śledzenia.
    .todo = Na razie nic. Damy Ci znać, gdy zostanie wysłane.

stage-pending = Czekamy na przewoźnika
    .happened = Twoja paczka ma numer do śledzenia, ale przewoźnik nie przekazał jeszcze żadnych informacji.
    .next = Informacje zwykle pojawiają się w ciągu doby od odebrania paczki przez przewoźnika.
    .todo = Na razie nic. Ta strona odświeża się sama.

stage-info_received = Etykieta utworzona
    .happened = Etykieta nadawcza jest gotowa, a przewoźnik wie, że Twoja paczka jest w drodze.
    .next = Przewoźnik odbierze paczkę i wyśle ją w Twoją stronę.
    .todo = Na razie nic. Damy Ci znać, gdy będzie w drodze.

stage-in_transit = W drodze
    .happened = Przewoźnik ma Twoją paczkę i jest ona w drodze do Ciebie.
    .next = Przejdzie przez sieć przewoźnika, a potem trafi do doręczenia.
    .todo = Na razie nic. Powiemy Ci, gdy kurier wyruszy z nią w drogę.

stage-out_for_delivery = W doręczeniu
    .happened = Twoja paczka jest u kuriera i powinna dotrzeć dzisiaj.
    .next = Kurier ją doręczy albo zostawi awizo, jeśli nikt nie będzie mógł jej odebrać.
    .todo = Jeśli potrzebny jest podpis, zadbaj o to, żeby ktoś mógł odebrać paczkę.

stage-available_for_pickup = Gotowa do odbioru
    .happened = Twoja paczka czeka na Ciebie w punkcie odbioru.
    .next = Będzie tam przechowywana przez ograniczony czas, a potem wróci do sklepu.
    .todo = Odbierz ją wkrótce. Weź ze sobą dokument tożsamości i numer do śledzenia lub kod odbioru.

stage-delivered = Doręczona
    .happened = Twoja paczka została doręczona.
    .next = Od przewoźnika nie oczekujemy już żadnych informacji.
    .todo = Jeśli nie możesz jej znaleźć, sprawdź przy drzwiach, w skrzynce pocztowej i u sąsiadów, a potem zgłoś problem.

stage-delayed = Opóźniona
    .happened = Twoja paczka idzie dłużej, niż zakładano.
    .next = Przewoźnik nadal się nią zajmuje, a my wciąż sprawdzamy nowe informacje.
    .todo = Na razie nic nie trzeba robić. Jeśli w ciągu kilku dni nic się nie zmieni, skontaktuj się ze sklepem.

stage-action_required = Wymagane działanie
    .happened = Przewoźnik potrzebuje czegoś od Ciebie, zanim będzie mógł doręczyć paczkę.
    .next = Paczka poczeka, aż sprawa zostanie wyjaśniona, a potem doręczenie będzie kontynuowane.
    .todo = Postępuj zgodnie z instrukcjami przewoźnika albo jak najszybciej skontaktuj się ze sklepem.

stage-exception = Problem z doręczeniem
    .happened = Coś poszło nie tak z Twoją paczką po drodze.
    .next = Przewoźnik i sklep wyjaśniają sprawę.
    .todo = Skontaktuj się ze sklepem, jeśli nie odezwie się do Ciebie w ciągu dwóch dni.

stage-returned = Wraca do nadawcy
    .happened = Twoja paczka jest odsyłana do sklepu.
    .next = Sklep ją odbierze i skontaktuje się z Tobą w sprawie zwrotu pieniędzy lub ponownej wysyłki.
    .todo = Skontaktuj się ze sklepem, jeśli nadal chcesz otrzymać to zamówienie.

stage-expired = Brak nowych informacji
    .happened = Przewoźnik od dawna nie przekazał żadnych informacji, więc przestaliśmy sprawdzać.
    .next = Nie oczekujemy już nowych informacji od przewoźnika.
    .todo = Jeśli paczka do Ciebie nie dotarła, skontaktuj się ze sklepem.

stage-cancelled = Przesyłka anulowana
    .happened = Sklep anulował tę etykietę nadawczą.
    .next = Jeśli Twoje zamówienie jest nadal w drodze, dostaniesz nowy link do śledzenia.
    .todo = Skontaktuj się ze sklepem, jeśli masz pytania dotyczące zamówienia.
