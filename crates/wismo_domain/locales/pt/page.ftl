# Os textos da página de rastreamento, em português.
# O wismo preenche os marcadores entre { $chaves }; deixe-os como estão.
# As mensagens `date-*` são padrões de data (strftime): %A dia da semana, %a dia abreviado,
# %-d dia, %B mês, %b mês abreviado, %H:%M hora. Ordene-os como seu idioma escreve as datas.
# Tratamento: você; português do Brasil, o mais neutro possível.

page-title = Pedido { $number } · { $store }
greeting-named = { $name }, aqui está seu pedido { $number }
greeting = Seu pedido { $number }
parcel-count = Este pedido foi dividido em { $count } encomendas.
parcel-heading = Encomenda { $index } de { $count }

heading-happened = O que aconteceu
heading-next = O que acontece agora
heading-todo = O que você precisa fazer

progress = Andamento
step-ordered = Pedido realizado
step-shipped = Enviado
step-in_transit = A caminho
step-out_for_delivery = Saiu para entrega
step-delivered = Entregue
step-current = (etapa atual)

estimate-heading = Previsão de entrega
estimate-window = { $from } – { $until }
estimate-by-carrier = Data informada pela transportadora { $carrier }.
estimate-predicted = Nossa estimativa com base em entregas recentes.
estimate-unknown = Vamos mostrar uma data de entrega assim que conseguirmos estimá-la.
delivered-on = Entregue em { $date }

# O cabeçalho de um volume: o estado e a data numa frase.
hero-arriving = Chega { $date }
hero-arriving-window = Chega entre { $from } e { $until }
hero-arriving-by = Chega até { $date }
hero-out-for-delivery = Em entrega hoje
hero-unknown = A caminho
hero-was-due = Devia chegar { $date }
estimate-stale = Está atrasado. Mostraremos a nova data assim que a transportadora a indicar.
hero-delivered = Entregue { $date }
hero-carrier-note = Nota da transportadora: { $note }
hero-pickup = Pronto para levantar
hero-pickup-since = Pronto para levantar desde { $date }
hero-pickup-at = Em { $place }
hero-pickup-until = Pronto para levantar até { $date }
hero-next-attempt = A transportadora tentará novamente em { $date }.
fact-pickup = Ponto de recolha
fact-hours = Horário
fact-amount-due = Valor a pagar
fact-left-at = Deixado em
fact-signed-by = Assinado por
do-pay-amount = Pagar { $amount } no site da { $carrier }
rating-question = Como correu a entrega?
rating-scale = 1 é má, 5 é excelente
rating-score = { $score } de 5
rating-given = Avaliou esta entrega com { $score } de 5. Toque noutro número para alterar.
rating-too-many = Já avaliou várias vezes. Aguarde um pouco antes de avaliar de novo.
returns-heading = Devoluções
returns-start = Iniciar uma devolução
hero-returned = A regressar para { $store }
hero-cancelled = Cancelado
hero-expired = Sem notícias da transportadora há muito tempo
hero-preparing = Estamos a preparar a sua encomenda
hero-exception = Entrega suspensa
hero-action_required = A transportadora precisa de si
hero-delayed = Atrasado
hero-delayed-until = Atrasado: agora previsto até { $date }
hero-first-due = Inicialmente estava previsto para { $date }.
do-pay-duties = Pagar os encargos de importação no site da { $carrier }
do-rearrange = Reagendar a entrega no site da { $carrier }
do-redeliver = Pedir nova entrega
do-address = Corrigir a morada
do-map = Ver o ponto de recolha num mapa
do-not-received = Diz entregue, mas não o recebi
date-delivered = %A, %-d de %B, %H:%M
step-problem = (problema neste passo)
step-returning = Devolução
step-ready_for_pickup = Para levantar
step-collected = Levantado
updates-show-all = Ver as { $count } atualizações
updates-zone = Horas de { $zone } ({ $abbreviation }).
scan-label_created = Etiqueta de envio criada
scan-picked_up = Recolhido pela transportadora
scan-arrived = Chegou a um centro da transportadora
scan-departed = Saiu de um centro da transportadora
scan-processed = Triado num centro da transportadora
scan-customs = Desalfandegamento
scan-in_transit = A caminho
scan-out_for_delivery = Em entrega
scan-attempted = Tentativa de entrega
scan-at_pickup_point = Pronto para levantar
scan-delivered = Entregue
scan-returning = A regressar ao remetente
scan-delayed = Atrasado
scan-problem = Foi comunicado um problema

banner-delayed = Sua encomenda está atrasada
banner-action_required = A transportadora precisa de algo da sua parte
banner-exception = Há um problema com esta entrega
reason-past_estimate = Ela não chegou até a data prevista.
reason-no_scans = A transportadora não compartilha atualizações há alguns dias.
reason-weather = O mau tempo está atrasando as entregas.
reason-carrier_delay = A transportadora está com atrasos.
reason-failed_attempt = A transportadora tentou fazer a entrega, mas não havia ninguém para receber a encomenda.
reason-address_problem = A transportadora está com um problema no endereço de entrega.
reason-customs_payment = É preciso pagar as taxas alfandegárias antes da entrega.
reason-customs_hold = A encomenda está retida na alfândega.
reason-cash_on_delivery = O pagamento deve ser feito na entrega.
reason-damaged = A encomenda foi danificada no caminho.
reason-held = A transportadora está retendo a encomenda.
reason-refused = A entrega foi recusada.
reason-lost = A transportadora não consegue localizar a encomenda.

updates = Atualizações
no-scans = Ainda não há atualizações. Esta página se atualiza assim que a transportadora compartilha novidades.
step-preparing = Em preparação
preparing-late = A sua encomenda está a demorar mais do que o previsto
preparing-rest = Estamos a preparar o resto da sua encomenda
preparing-waiting = Ainda em preparação
preparing-cancelled = Esta encomenda foi cancelada
preparing-ships-by = Deverá sair da loja até { $date }.
order-cancelled = Encomenda cancelada
order-cancelled-happened = A loja cancelou esta encomenda.
order-cancelled-next = Não será enviado mais nada. Qualquer reembolso vem da loja.
order-cancelled-todo = Se não estava à espera, contacte a loja.
carrier-and-number = { $carrier } · Código de rastreamento
tracking-number = Código de rastreamento
carrier-site = Ver no site da transportadora { $carrier }
items = Neste pedido
quantity = × { $quantity }

support-heading = Precisa de ajuda?
support-email = Envie um e-mail para { $email }
support-phone = Ligue para { $phone }
support-url = Acesse nossa página de ajuda
faq-heading = Perguntas frequentes
footer = Rastreamento oferecido por { $store }
skip-to-content = Pular para o conteúdo

not-found-title = Não encontramos esta página
not-found-body = O link pode estar digitado errado ou não estar mais ativo. Se você está procurando um pedido, use o link do e-mail de envio ou fale com a loja onde fez a compra.
error-title = Algo deu errado do nosso lado
error-body = Tente de novo daqui a pouco.
too-large-title = Isso é mais do que esta página aceita
too-large-body = O que foi enviado é maior do que esta página aceita. Volte, encurte e tente de novo.
bad-request-title = Não conseguimos ler isso
bad-request-body = Não foi possível ler o que foi enviado. Volte e tente de novo.

date-event = %a, %-d de %b, %H:%M
date-day = %A, %-d de %B
date-day-short = %a, %-d de %b

lookup-title = Acompanhe seu pedido · { $store }
lookup-heading = Acompanhe seu pedido
lookup-intro = Informe o número do pedido e o e-mail ou o CEP que você usou na compra.
lookup-order-number = Número do pedido
lookup-contact = E-mail ou CEP
lookup-submit = Encontrar meu pedido
lookup-not-found = Não encontramos nenhum pedido com esses dados. Confira o número do pedido e use o e-mail ou o CEP que você informou na compra.
lookup-too-many = Muitas tentativas. Tente de novo em { $wait }.
lookup-number-too-long = Um número de pedido tem no máximo { $max } caracteres.
lookup-contact-too-long = Um e-mail ou CEP tem no máximo { $max } caracteres.
lookup-refused = Para sua segurança, este formulário só funciona a partir desta página. Recarregue a página e tente de novo.
widget-order-hint = No e-mail de confirmação da sua encomenda, p. ex. #1001
widget-busy = A procurar a sua encomenda…
widget-opening = Encontrada. A abrir a sua encomenda…
widget-network = Não foi possível contactar o serviço de rastreio. Verifique a sua ligação e tente novamente.
widget-failed = Algo correu mal do nosso lado. Tente novamente daqui a pouco.

actions-heading = Precisa de algo?
actions-intro = Fale com { $store } sobre esta entrega. Você vai receber a resposta por e-mail.
action-kind = Do que se trata?
action-parcel = De qual encomenda se trata?
action-not_received = Não recebi a encomenda
action-damaged = Chegou danificada
action-wrong_address = O endereço está errado
action-reschedule = Quero receber em outro dia
action-redeliver = Quero uma nova tentativa de entrega
action-confirm_address = Meu endereço está certo, podem entregar
action-other = Outro assunto
action-message = Quer acrescentar algo? (opcional)
action-submit = Enviar para { $store }
action-sent = Obrigado. { $store } recebeu sua mensagem e vai responder por e-mail.
action-too-many = Você já enviou várias mensagens. Aguarde um pouco antes de enviar outra.
action-too-long = Sua mensagem é longa demais: ela pode ter no máximo { $max } caracteres.
action-choose-parcel = Escolha de qual encomenda se trata.
action-choose-kind = Escolha do que se trata.
action-kind-unfit = Isso não se aplica à encomenda escolhida. Escolha de novo do que se trata.

expired-title = Este link de rastreamento expirou
expired-body = Para proteger sua privacidade, os links de rastreamento deixam de funcionar algum tempo depois da entrega. Você ainda pode encontrar seu pedido com o número do pedido e seu e-mail.
expired-action = Encontrar meu pedido

# A link from the store platform's own email, before the order reached wismo.
order-ready-title = Estamos preparando seu pedido
order-ready-body = { $store } recebeu seu pedido e está preparando tudo. A página de rastreamento vai abrir aqui em instantes.
order-ready-later = Esta página não se atualiza sozinha: verifique de novo em um minuto ou abra mais tarde o link do seu e-mail.
order-ready-check = Verificar de novo

# The unsubscribe page an update email links to.
unsubscribe-title = Atualizações dos seus pedidos em { $store }
unsubscribe-ask = Parar de receber e-mails sobre seus pedidos em { $store }? Sua página de rastreamento continua funcionando.
unsubscribe-button = Cancelar inscrição
unsubscribe-done = Pronto: você não vai mais receber e-mails de atualização de { $store }.
resubscribe-ask = Mudou de ideia? Você pode voltar a receber e-mails de atualização de { $store }.
resubscribe-button = Voltar a receber e-mails
resubscribe-done = Pronto: você vai voltar a receber e-mails de atualização de { $store }.
unsubscribe-channels-ask = Ou escolha como { $store } o mantém informado:
unsubscribe-channel-email = E-mails para { $contact }
unsubscribe-channel-sms = SMS para { $contact }
unsubscribe-channel-whatsapp = Mensagens de WhatsApp para { $contact }
unsubscribe-channel-voice = Uma chamada para { $contact } quando precisar agir
unsubscribe-channels-button = Guardar as minhas escolhas
unsubscribe-channels-done = Guardado: { $store } só o contactará pelas vias que marcou.

# O que a página diz para fazer enquanto o pacote está a caminho.
todo-page = Nada por enquanto. Esta página se atualiza sozinha: volte quando quiser.
todo-email-shipped = Nada por enquanto. Vamos te enviar um e-mail quando ele for despachado.
todo-email-out_for_delivery = Nada por enquanto. Vamos te enviar um e-mail quando ele sair para entrega.

# The promise at checkout on the store's own site (dates in the `date-day-short` pattern).
promise-arrives-on = Peça hoje e receba em { $date }
promise-arrives-between = Peça hoje e receba entre { $from } e { $until }
