# Namnen på stegen och de tre enkla svaren för varje steg, på svenska.
# Varje meddelande är stegets namn; dess attribut svarar på:
#   .happened  vad som har hänt
#   .next      vad som händer härnäst
#   .todo      vad du behöver göra

stage-ordered = Beställningen är bekräftad
    .happened = Butiken har tagit emot din beställning och gör i ordning den.
    .next = Butiken lämnar ditt paket till transportören och skickar spårningsuppgifter till dig.
    .todo = Ingenting just nu. Vi meddelar dig när den har skickats.

stage-pending = Väntar på transportören
    .happened = Ditt paket har ett spårningsnummer, men transportören har inte delat några uppdateringar än.
    .next = Uppdateringar brukar synas inom ett dygn efter att transportören hämtat paketet.
    .todo = Ingenting just nu. Sidan uppdateras av sig själv.

stage-info_received = Fraktsedel skapad
    .happened = Fraktsedeln är klar och transportören vet att ditt paket är på väg.
    .next = Transportören hämtar paketet och börjar skicka det mot dig.
    .todo = Ingenting just nu. Vi meddelar dig när det är på väg.

stage-in_transit = På väg
    .happened = Transportören har ditt paket och det är på väg mot dig.
    .next = Det passerar transportörens nät och körs sedan ut för leverans.
    .todo = Ingenting just nu. Vi säger till när det är ute för leverans.

stage-out_for_delivery = Ute för leverans
    .happened = Ditt paket är hos budet och bör komma fram i dag.
    .next = Budet levererar det, eller lämnar en avi om ingen kan ta emot det.
    .todo = Om det krävs en underskrift, se till att någon finns på plats för att ta emot det.

stage-available_for_pickup = Redo att hämtas
    .happened = Ditt paket väntar på dig hos ett utlämningsställe.
    .next = Det sparas en begränsad tid och skickas sedan tillbaka till butiken.
    .todo = Hämta det snart. Ta med legitimation och ditt spårningsnummer eller din hämtningskod.

stage-delivered = Levererat
    .happened = Ditt paket har levererats.
    .next = Inget mer väntas från transportören.
    .todo = Om du inte hittar det, titta runt dörren, i brevlådan och hos grannarna, och rapportera sedan ett problem.

stage-delayed = Försenat
    .happened = Ditt paket tar längre tid än väntat.
    .next = Transportören arbetar fortfarande med det och vi fortsätter att leta efter uppdateringar.
    .todo = Du behöver inte göra något än. Om det inte rör sig de närmaste dagarna, kontakta butiken.

stage-action_required = Åtgärd krävs
    .happened = Transportören behöver något från dig innan paketet kan levereras.
    .next = Paketet väntar tills problemet är löst, sedan fortsätter leveransen.
    .todo = Följ transportörens instruktioner eller kontakta butiken så snart du kan.

stage-exception = Problem med leveransen
    .happened = Något gick fel med ditt paket på vägen.
    .next = Transportören och butiken undersöker saken.
    .todo = Kontakta butiken om du inte har hört av dem inom två dagar.

stage-returned = På väg tillbaka till avsändaren
    .happened = Ditt paket skickas tillbaka till butiken.
    .next = Butiken tar emot det och kontaktar dig om återbetalning eller en ny leverans.
    .todo = Kontakta butiken om du fortfarande vill ha den här beställningen.

stage-expired = Inga nya uppdateringar
    .happened = Transportören har inte delat några uppdateringar på länge, så vi har slutat kontrollera.
    .next = Inga fler uppdateringar väntas från transportören.
    .todo = Om du inte har fått ditt paket, kontakta butiken.

stage-cancelled = Försändelsen är annullerad
    .happened = Butiken har annullerat den här fraktsedeln.
    .next = Om din beställning fortfarande är på väg får du en ny spårningslänk.
    .todo = Kontakta butiken om du har frågor om din beställning.
