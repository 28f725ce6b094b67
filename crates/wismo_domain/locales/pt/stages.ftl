# Nomes das etapas e as três respostas simples de cada etapa, em português.
# Cada mensagem é o nome da etapa; seus atributos respondem:
#   .happened  o que aconteceu
#   .next      o que acontece agora
#   .todo      o que você precisa fazer
# Tratamento: você; português do Brasil, o mais neutro possível.

stage-ordered = Pedido confirmado
    .happened = A loja recebeu seu pedido e está preparando tudo para o envio.
    .next = A loja vai entregar sua encomenda à transportadora e enviar os dados de rastreamento para você.
    .todo = Nada por enquanto. Avisaremos você quando o pedido for enviado.

stage-pending = Aguardando a transportadora
    .happened = Sua encomenda já tem código de rastreamento, mas a transportadora ainda não compartilhou nenhuma atualização.
    .next = As atualizações costumam aparecer em até um dia depois que a transportadora coleta a encomenda.
    .todo = Nada por enquanto. Esta página se atualiza sozinha.

stage-info_received = Etiqueta criada
    .happened = A etiqueta de envio está pronta e a transportadora já está esperando sua encomenda.
    .next = A transportadora vai coletar a encomenda e começar a levá-la até você.
    .todo = Nada por enquanto. Avisaremos você quando ela estiver a caminho.

stage-in_transit = A caminho
    .happened = Sua encomenda já está com a transportadora e a caminho de você.
    .next = Ela vai passar pelos centros da transportadora e depois sair para entrega.
    .todo = Nada por enquanto. Avisaremos você quando ela sair para entrega.

stage-out_for_delivery = Saiu para entrega
    .happened = Sua encomenda está com o entregador e deve chegar hoje.
    .next = O entregador vai entregá-la ou deixar um aviso se não houver ninguém para recebê-la.
    .todo = Se for preciso assinar, garanta que alguém esteja disponível para recebê-la.

stage-available_for_pickup = Disponível para retirada
    .happened = Sua encomenda está esperando por você em um ponto de retirada.
    .next = Ela ficará guardada por um tempo limitado e depois será devolvida à loja.
    .todo = Retire logo. Leve um documento com foto e o código de rastreamento ou de retirada.

stage-delivered = Entregue
    .happened = Sua encomenda foi entregue.
    .next = Não há mais nada previsto por parte da transportadora.
    .todo = Se não conseguir encontrá-la, verifique perto da porta, na caixa de correio e com os vizinhos. Se ainda assim não aparecer, informe um problema.

stage-delayed = Com atraso
    .happened = Sua encomenda está demorando mais do que o previsto.
    .next = A transportadora continua cuidando dela, e nós seguimos de olho nas atualizações.
    .todo = Ainda não é preciso fazer nada. Se ela não avançar nos próximos dias, fale com a loja.

stage-action_required = Ação necessária
    .happened = A transportadora precisa de algo da sua parte para poder fazer a entrega.
    .next = A encomenda fica aguardando até que isso seja resolvido, e então a entrega continua.
    .todo = Siga as instruções da transportadora ou fale com a loja o quanto antes.

stage-exception = Problema na entrega
    .happened = Aconteceu um problema com sua encomenda no caminho.
    .next = A transportadora e a loja estão verificando o que houve.
    .todo = Fale com a loja se não tiver notícias dela em até dois dias.

stage-returned = Em devolução à loja
    .happened = Sua encomenda está sendo devolvida à loja.
    .next = A loja vai recebê-la e entrar em contato com você sobre o reembolso ou um novo envio.
    .todo = Fale com a loja se ainda quiser este pedido.

stage-expired = Sem atualizações recentes
    .happened = A transportadora não compartilha atualizações há muito tempo, então paramos de verificar.
    .next = Não são esperadas novas atualizações da transportadora.
    .todo = Se você não recebeu sua encomenda, fale com a loja.

stage-cancelled = Envio cancelado
    .happened = A loja cancelou esta etiqueta de envio.
    .next = Se seu pedido ainda estiver a caminho, você vai receber um novo link de rastreamento.
    .todo = Fale com a loja se tiver dúvidas sobre seu pedido.
