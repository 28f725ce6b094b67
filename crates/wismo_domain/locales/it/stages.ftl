# Nomi delle fasi e le tre risposte semplici per ogni fase, in italiano.
# Ogni messaggio è il nome della fase; i suoi attributi rispondono:
#   .happened  cosa è successo
#   .next      cosa succede adesso
#   .todo      cosa devi fare
# Registro: tu.

stage-ordered = Ordine confermato
    .happened = Il negozio ha ricevuto il tuo ordine e lo sta preparando.
    .next = Il negozio consegnerà il tuo pacco al corriere e ti invierà i dati per seguire la spedizione.
    .todo = Per ora niente. Ti avviseremo quando verrà spedito.

stage-pending = In attesa del corriere
    .happened = Il tuo pacco ha un codice di tracciamento, ma il corriere non ha ancora condiviso aggiornamenti.
    .next = Di solito gli aggiornamenti arrivano entro un giorno dal ritiro del pacco da parte del corriere.
    .todo = Per ora niente. Questa pagina si aggiorna da sola.

stage-info_received = Etichetta creata
    .happened = L'etichetta di spedizione è pronta e il corriere sta aspettando il tuo pacco.
    .next = Il corriere ritirerà il pacco e lo metterà in viaggio verso di te.
    .todo = Per ora niente. Ti avviseremo quando sarà in viaggio.

stage-in_transit = In viaggio
    .happened = Il corriere ha preso in carico il tuo pacco, che ora è in viaggio verso di te.
    .next = Passerà per i centri del corriere e poi partirà per la consegna.
    .todo = Per ora niente. Ti avviseremo quando sarà in consegna.

stage-out_for_delivery = In consegna
    .happened = Il tuo pacco è sul furgone del corriere e dovrebbe arrivare oggi.
    .next = Il corriere te lo consegnerà o, se non c'è nessuno a riceverlo, lascerà un avviso.
    .todo = Se serve una firma, assicurati che ci sia qualcuno a riceverlo.

stage-available_for_pickup = Pronto per il ritiro
    .happened = Il tuo pacco ti aspetta in un punto di ritiro.
    .next = Resterà lì per un periodo limitato, poi verrà rispedito al negozio.
    .todo = Ritiralo presto. Porta un documento d'identità e il codice di tracciamento o di ritiro.

stage-delivered = Consegnato
    .happened = Il tuo pacco è stato consegnato.
    .next = Non sono previsti altri passaggi da parte del corriere.
    .todo = Se non lo trovi, controlla vicino alla porta, nella cassetta della posta e dai vicini. Se ancora non c'è, segnala un problema.

stage-delayed = In ritardo
    .happened = Il tuo pacco ci sta mettendo più del previsto.
    .next = Il corriere se ne sta ancora occupando e noi continuiamo a controllare gli aggiornamenti.
    .todo = Per ora non serve fare nulla. Se non si muove nei prossimi giorni, contatta il negozio.

stage-action_required = Azione richiesta
    .happened = Il corriere ha bisogno di qualcosa da te prima di poter consegnare.
    .next = Il pacco resta in attesa finché il problema non viene risolto, poi la consegna riprende.
    .todo = Segui le istruzioni del corriere o contatta il negozio il prima possibile.

stage-exception = Problema con la consegna
    .happened = Qualcosa è andato storto con il tuo pacco durante il viaggio.
    .next = Il corriere e il negozio stanno verificando cosa è successo.
    .todo = Contatta il negozio se non ti ha fatto sapere nulla entro due giorni.

stage-returned = Di ritorno al negozio
    .happened = Il tuo pacco sta tornando al negozio.
    .next = Il negozio lo riceverà e ti contatterà per un rimborso o una nuova spedizione.
    .todo = Contatta il negozio se vuoi ancora ricevere questo ordine.

stage-expired = Nessun aggiornamento recente
    .happened = Il corriere non condivide aggiornamenti da molto tempo, quindi abbiamo smesso di controllare.
    .next = Non sono previsti altri aggiornamenti dal corriere.
    .todo = Se non hai ricevuto il pacco, contatta il negozio.

stage-cancelled = Spedizione annullata
    .happened = Il negozio ha annullato questa etichetta di spedizione.
    .next = Se il tuo ordine è ancora in viaggio, riceverai un nuovo link di tracciamento.
    .todo = Contatta il negozio se hai domande sul tuo ordine.
