# As palavras próprias dos e-mails, em português. Os e-mails também usam algumas palavras
# da página (heading-*, delivered-on, estimate-window, items, quantity, action-*, date-*).
# O wismo preenche os campos entre { $chaves }; mantenha-os como estão.
# $scope é `all` quando o e-mail trata de todos os pacotes do pedido, e `some` quando
# trata só de alguns.

email-subject-shipped = { $scope ->
    [some] Parte do seu pedido { $number } foi enviada
   *[all] Seu pedido { $number } foi enviado
}
email-subject-in_transit = { $scope ->
    [some] Parte do seu pedido { $number } está a caminho
   *[all] Seu pedido { $number } está a caminho
}
email-subject-out_for_delivery = { $scope ->
    [some] Parte do seu pedido { $number } saiu para entrega
   *[all] Seu pedido { $number } saiu para entrega
}
email-subject-delivered = { $scope ->
    [some] Parte do seu pedido { $number } foi entregue
   *[all] Seu pedido { $number } foi entregue
}
email-subject-delayed = { $scope ->
    [some] Parte do seu pedido { $number } está atrasada
   *[all] Seu pedido { $number } está atrasado
}
email-subject-action_required = { $scope ->
    [some] Ação necessária para parte do seu pedido { $number }
   *[all] Ação necessária para seu pedido { $number }
}
email-subject-exception = { $scope ->
    [some] Um problema com parte do seu pedido { $number }
   *[all] Um problema com seu pedido { $number }
}
email-subject-returned = { $scope ->
    [some] Parte do seu pedido { $number } está voltando para a loja
   *[all] Seu pedido { $number } está voltando para a loja
}
email-subject-available_for_pickup = { $scope ->
    [some] Parte do seu pedido { $number } está pronta para retirada
   *[all] Seu pedido { $number } está pronto para retirada
}
email-subject-delivery_date_changed = Nova data de entrega do seu pedido { $number }
email-subject-order_confirmed = Recebemos seu pedido { $number }
email-subject-fulfillment_stalled = O envio do seu pedido { $number } está demorando
email-subject-tracking_link = Acompanhe seu pedido { $number } aqui
email-subject-request_answered = Sobre a sua solicitação do pedido { $number }

email-heading-shipped = Seu pedido foi enviado
email-heading-in_transit = Seu pedido está a caminho
email-heading-out_for_delivery = Saiu para entrega hoje
email-heading-delivered = Entregue
email-heading-delayed = Com atraso
email-heading-action_required = A transportadora precisa de algo de você
email-heading-exception = Há um problema com a entrega
email-heading-returned = Voltando para a loja
email-heading-available_for_pickup = Pronto para retirada
email-heading-delivery_date_changed = Uma nova data de entrega
email-heading-order_confirmed = Obrigado pelo seu pedido
email-heading-fulfillment_stalled = Seu pedido está demorando mais
email-heading-tracking_link = A página de rastreamento do seu pedido
email-heading-request_answered = Uma resposta à sua solicitação

# As três respostas dos momentos que não são a etapa de um pacote.
email-happened-delivery_date_changed = A data prevista de entrega do seu pedido mudou.
email-next-delivery_date_changed = A transportadora continua levando seu pacote. Avisaremos se a data mudar de novo.
email-todo-delivery_date_changed = Nada por enquanto. Se você precisar dele até um dia específico, fale com a loja.
email-happened-fulfillment_stalled = Seu pedido ainda não foi enviado, mais tarde do que o previsto.
email-next-fulfillment_stalled = A loja está preparando o pedido e vai enviar os dados de rastreio quando ele sair.
email-todo-fulfillment_stalled = Nada por enquanto. Se tiver dúvidas, fale com a loja.

email-opening-named = Olá, { $name }! Temos novidades sobre seu pedido { $number } da loja { $store }.
email-opening = Olá! Temos novidades sobre seu pedido { $number } da loja { $store }.
email-note = { $store } escreveu:

# Uma linha para pedidos em vários pacotes, conforme o marco: "Pacotes entregues: 2 de 3".
email-parcels-reached = { $milestone ->
    [shipped] Pacotes enviados: { $reached } de { $count }
    [in_transit] Pacotes a caminho: { $reached } de { $count }
    [out_for_delivery] Pacotes saindo para entrega: { $reached } de { $count }
    [delivered] Pacotes entregues: { $reached } de { $count }
    [available_for_pickup] Pacotes prontos para retirada: { $reached } de { $count }
   *[other] { $label }: { $reached } de { $count } pacotes
}
email-parcels-heading = Seus pacotes
email-parcel-line = { $carrier } { $tracking }: { $label }

email-expected = Entrega prevista: { $date }
email-date-changed = Estava prevista para { $before }. Agora a previsão é: { $after }.

email-track = Acompanhar meu pedido
email-why = Você está recebendo este e-mail porque fez um pedido na loja { $store }.
email-unsubscribe = Não quero mais receber atualizações de envio por e-mail
email-support = Dúvidas? Escreva para { $email }.

# E-mails para a loja.
email-why-merchant = Você está recebendo este e-mail porque este endereço recebe os avisos do wismo para { $store }.
email-open = Abrir no wismo

email-request-subject = Nova solicitação sobre o pedido { $number }
email-request-heading = Um cliente precisa de algo
email-request-from-named = { $name } escreveu sobre o pedido { $number }.
email-request-from = Um cliente escreveu sobre o pedido { $number }.
email-request-kind = Assunto: { $kind }
email-request-message = A mensagem:
email-request-no-message = Nenhuma mensagem foi adicionada.
email-request-reply = Responda para { $email }.

email-digest-subject = Pacotes que precisam de atenção na loja { $store }
email-digest-heading = Pacotes que precisam de atenção
email-digest-intro = Estes pacotes estão atrasados, parados ou esperando o cliente.
email-digest-line = Pedido { $number } · { $carrier } { $tracking } · { $label } desde { $date }
email-digest-unshipped-intro = Pedidos que não foram enviados a tempo:
email-digest-unshipped = Pedido { $number }, de { $date }: ainda sem encomenda
email-digest-more = …e mais { $count }.

email-endpoint-subject = Um endpoint de webhook da loja { $store } foi desativado
email-endpoint-heading = Os envios de webhooks pararam
email-endpoint-body = O wismo parou de enviar eventos para { $url }: os envios falham desde { $date }.
email-endpoint-error = Último erro: { $error }
email-endpoint-todo = Corrija o endpoint e depois adicione-o de novo (POST /api/v1/webhook-endpoints): um endpoint desativado não recebe mais eventos.

email-test-subject = E-mail de teste do wismo para { $store }
email-test-heading = Funcionou
email-test-body = Este é um teste do wismo. Se você consegue lê-lo, os e-mails da loja { $store } chegam a este endereço.

email-reset-subject = Defina uma nova palavra-passe para { $store } no wismo
email-reset-heading = Defina uma nova palavra-passe
email-reset-body = Alguém, esperamos que tenha sido você, pediu uma nova palavra-passe para a sua conta de { $store }. O link funciona uma só vez, durante uma hora.
email-reset-button = Definir uma nova palavra-passe
email-reset-ignore = Se não foi você, ignore este email: a sua palavra-passe fica como está.
email-invite-subject = { $email } convidou-o para { $store } no wismo
email-invite-heading = Recebeu um convite
email-invite-body = { $email } convidou-o a ajudar a gerir { $store } no wismo, onde as encomendas e os volumes são acompanhados. O link funciona uma só vez, durante 7 dias.
email-invite-button = Definir a sua palavra-passe
email-invite-ignore = Se não sabe do que se trata, ignore este email: nada acontece sem si.
email-why-account = Recebe este email por causa da sua conta de { $store } no wismo.
