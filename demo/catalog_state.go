package demo

// stateCatalog lists the state services of one authority and how many of
// them the register holds and how many moved to interdepartmental
// interaction.
type stateCatalog struct {
	authority   string
	templates   []serviceTemplate
	count       int
	interacting int
}

// stateCatalogs returns the 331 state services of the region by authority:
// the counts add up to the pilot region's 331 services and 112 in
// interaction.
func stateCatalogs() []stateCatalog {
	return []stateCatalog{
		{authority: codeMinsoc, templates: minsocTemplates(), count: 145, interacting: 45},
		{authority: codeMio, templates: mioTemplates(), count: 50, interacting: 20},
		{authority: codeMinstroy, templates: minstroyTemplates(), count: 36, interacting: 12},
		{authority: codeMinzdrav, templates: minzdravTemplates(), count: 45, interacting: 10},
		{authority: codeMinekonom, templates: minekonomTemplates(), count: 35, interacting: 12},
		{authority: codeZags, templates: zagsTemplates(), count: 16, interacting: 9},
		{authority: codeFSS, templates: fssTemplates(), count: 4, interacting: 4},
	}
}

var beneficiaries = []variant{
	{"ветеранам труда", "ветеранам труда"},
	{"ветеранам труда Самарской области", "ветеранам труда СО"},
	{"труженикам тыла", "труженикам тыла"},
	{"реабилитированным лицам", "реабилитированным"},
	{"лицам, признанным пострадавшими от политических репрессий", "пострадавшим от репрессий"},
	{"ветеранам боевых действий", "ветеранам боевых действий"},
	{"инвалидам и участникам Великой Отечественной войны", "инвалидам и участникам ВОВ"},
	{"вдовам погибших (умерших) участников Великой Отечественной войны", "вдовам участников ВОВ"},
	{"лицам, награждённым знаком «Жителю блокадного Ленинграда»", "блокадникам"},
	{"бывшим несовершеннолетним узникам концлагерей, гетто и других мест принудительного содержания", "бывшим узникам"},
	{"гражданам, подвергшимся воздействию радиации вследствие катастрофы на Чернобыльской АЭС", "чернобыльцам"},
	{"членам семей погибших (умерших) военнослужащих", "семьям погибших военнослужащих"},
	{"многодетным семьям", "многодетным семьям"},
	{"семьям, воспитывающим детей-инвалидов", "семьям с детьми-инвалидами"},
}

func minsocTemplates() []serviceTemplate {
	measures := interleave(
		expand(sectorVeterans, needs(reqResidence, reqPension), "Назначение ежемесячной денежной выплаты %s", "ЕДВ %s", beneficiaries...),
		expand(sectorVeterans, needs(reqResidence, reqEGRPObject), "Предоставление компенсации расходов на оплату жилого помещения и коммунальных услуг %s", "Компенсация ЖКУ %s", beneficiaries...),
		expand(sectorVeterans, needs(reqResidence), "Предоставление ежемесячной компенсации расходов на оплату услуг местной телефонной связи %s", "Компенсация за телефон %s", beneficiaries...),
		expand(sectorVeterans, needs(reqResidence, reqPassport), "Выдача единых социальных проездных билетов %s", "ЕСПБ %s", beneficiaries...),
		expand(sectorVeterans, needs(reqResidence, reqPension), "Предоставление бесплатного зубопротезирования %s", "Зубопротезирование %s", beneficiaries...),
		expand(sectorVeterans, needs(reqSNILS, reqResidence), "Обеспечение путёвками на санаторно-курортное лечение %s", "Путёвки %s", beneficiaries...),
		expand(sectorVeterans, needs(reqResidence, reqSNILS), "Предоставление ежегодной денежной выплаты %s", "Ежегодная выплата %s", beneficiaries...),
		expand(sectorVeterans, needs(reqResidence, reqEGRPObject), "Предоставление компенсации расходов на приобретение твёрдого топлива %s", "Компенсация за топливо %s", beneficiaries...),
	)
	standalone := []serviceTemplate{
		{name: "Назначение и выплата ежемесячного пособия на ребёнка", short: "Пособие на ребёнка", sector: sectorFamily, needs: needs(reqBirth, reqResidence, reqEnforcement)},
		{name: "Назначение ежемесячной денежной выплаты на ребёнка в возрасте до трёх лет многодетным семьям", short: "ЕДВ на ребёнка до трёх лет", sector: sectorFamily, needs: needs(reqBirth, reqResidence)},
		{name: "Назначение единовременного пособия при рождении ребёнка лицам, не подлежащим обязательному социальному страхованию", short: "Пособие при рождении ребёнка", sector: sectorFamily, needs: needs(reqBirth, reqFSSInsurer)},
		{name: "Назначение ежемесячного пособия по уходу за ребёнком лицам, не подлежащим обязательному социальному страхованию", short: "Пособие по уходу за ребёнком", sector: sectorFamily, needs: needs(reqBirth, reqFSSInsurer)},
		{name: "Назначение единовременного пособия беременной жене военнослужащего, проходящего военную службу по призыву", short: "Пособие жене военнослужащего", sector: sectorFamily, needs: needs(reqMarriage, reqResidence)},
		{name: "Назначение ежемесячного пособия на ребёнка военнослужащего, проходящего военную службу по призыву", short: "Пособие на ребёнка военнослужащего", sector: sectorFamily, needs: needs(reqBirth, reqResidence)},
		{name: "Назначение ежегодной денежной выплаты к началу учебного года детям из многодетных семей", short: "Выплата к учебному году", sector: sectorFamily, needs: needs(reqBirth, reqResidence)},
		{name: "Выдача удостоверения многодетной семьи", short: "Удостоверение многодетной семьи", sector: sectorFamily, needs: needs(reqBirth, reqResidence)},
		{name: "Назначение социального пособия на погребение", short: "Пособие на погребение", sector: sectorSocialCare, needs: needs(reqDeath, reqPension)},
		{name: "Оказание государственной социальной помощи малоимущим семьям и малоимущим одиноко проживающим гражданам", short: "Социальная помощь малоимущим", sector: sectorSocialCare, needs: needs(reqResidence, reqPension, reqEGRPPerson, reqIncome)},
		{name: "Признание граждан нуждающимися в социальном обслуживании", short: "Признание нуждающимися в соцобслуживании", sector: sectorSocialCare, needs: needs(reqResidence, reqPension)},
		{name: "Предоставление социальных услуг гражданам пожилого возраста и инвалидам в стационарных учреждениях социального обслуживания", short: "Стационарное соцобслуживание", sector: sectorSocialCare, needs: needs(reqPension, reqResidence, reqEGRPPerson)},
		{name: "Предоставление социальных услуг на дому гражданам пожилого возраста и инвалидам", short: "Соцобслуживание на дому", sector: sectorSocialCare, needs: needs(reqPension, reqResidence)},
		{name: "Предоставление срочных социальных услуг гражданам, находящимся в трудной жизненной ситуации", short: "Срочные социальные услуги", sector: sectorSocialCare},
		{name: "Предоставление субсидий на оплату жилого помещения и коммунальных услуг", short: "Субсидия на ЖКУ", sector: sectorSocialCare, needs: needs(reqResidence, reqPension, reqEGRPObject, reqIncome)},
		{name: "Выдача удостоверения ветерана труда", short: "Удостоверение ветерана труда", sector: sectorVeterans, needs: needs(reqPension)},
		{name: "Присвоение звания «Ветеран труда Самарской области» и выдача удостоверения", short: "Звание «Ветеран труда СО»", sector: sectorVeterans, needs: needs(reqPension, reqResidence)},
		{name: "Выдача удостоверения гражданина, подвергшегося воздействию радиации вследствие катастрофы на Чернобыльской АЭС", short: "Чернобыльское удостоверение", sector: sectorVeterans},
		{name: "Выдача справки о праве на меры социальной поддержки реабилитированным лицам", short: "Справка реабилитированному", sector: sectorVeterans},
		{name: "Назначение пенсии за выслугу лет лицам, замещавшим должности государственной гражданской службы Самарской области", short: "Пенсия за выслугу лет", sector: sectorVeterans, needs: needs(reqPension, reqSNILS)},
		{name: "Назначение ежемесячной доплаты к пенсии лицам, замещавшим государственные должности Самарской области", short: "Доплата к пенсии", sector: sectorVeterans, needs: needs(reqPension)},
		{name: "Выдача заключения о возможности граждан быть усыновителями, опекунами (попечителями) или приёмными родителями", short: "Заключение о возможности быть усыновителем", sector: sectorGuardianship, needs: needs(reqConviction, reqResidence, reqEGRPPerson)},
		{name: "Выдача предварительного разрешения на совершение сделок с имуществом несовершеннолетних подопечных", short: "Разрешение на сделку с имуществом подопечного", sector: sectorGuardianship, needs: needs(reqEGRPObject, reqBirth)},
		{name: "Назначение ежемесячной выплаты на содержание ребёнка в семье опекуна (попечителя) и приёмной семье", short: "Выплата на содержание подопечного", sector: sectorGuardianship, needs: needs(reqBirth, reqResidence)},
		{name: "Назначение единовременного пособия при передаче ребёнка на воспитание в семью", short: "Пособие при передаче ребёнка в семью", sector: sectorGuardianship, needs: needs(reqBirth, reqFSSInsurer)},
		{name: "Установление опеки (попечительства) над совершеннолетними гражданами, признанными судом недееспособными", short: "Опека над недееспособными", sector: sectorGuardianship, needs: needs(reqConviction, reqResidence)},
		{name: "Организация отдыха и оздоровления детей, находящихся в трудной жизненной ситуации", short: "Оздоровление детей", sector: sectorSocialCare, needs: needs(reqBirth)},
		{name: "Выплата компенсации за самостоятельно приобретённые инвалидом технические средства реабилитации", short: "Компенсация за ТСР", sector: sectorDisability, needs: needs(reqSNILS)},
		{name: "Выплата инвалидам компенсации страховых премий по договору обязательного страхования гражданской ответственности владельцев транспортных средств", short: "Компенсация ОСАГО инвалидам", sector: sectorDisability, needs: needs(reqSNILS, reqResidence)},
		{name: "Обеспечение инвалидов техническими средствами реабилитации за счёт средств областного бюджета", short: "ТСР за счёт области", sector: sectorDisability, needs: needs(reqSNILS)},
		{name: "Выдача направления в учреждения социального обслуживания для прохождения курса социальной реабилитации инвалидов", short: "Направление на реабилитацию", sector: sectorDisability},
		{name: "Предоставление ежемесячной денежной компенсации на полноценное питание беременным женщинам, кормящим матерям и детям до трёх лет", short: "Компенсация на питание", sector: sectorFamily, needs: needs(reqBirth, reqResidence)},
		{name: "Предоставление единовременной материальной помощи гражданам, оказавшимся в трудной жизненной ситуации", short: "Материальная помощь", sector: sectorSocialCare, needs: needs(reqResidence, reqPension)},
	}
	return interleave(standalone, measures)
}

var regionLandPurposes = []variant{
	{"для строительства", "под строительство"},
	{"для целей, не связанных со строительством", "без строительства"},
	{"собственникам зданий, строений, сооружений", "собственникам зданий"},
	{"для ведения сельскохозяйственного производства", "для сельхозпроизводства"},
	{"для размещения объектов инженерной инфраструктуры", "под инженерные объекты"},
	{"для размещения линейных объектов", "под линейные объекты"},
}

func mioTemplates() []serviceTemplate {
	land := needs(reqEGRPObject, reqCadExtract, reqEGRUL)
	lease := interleave(
		expand(sectorRegionLand, land, "Предоставление в аренду земельных участков, находящихся в собственности Самарской области, %s", "Аренда земли СО %s", regionLandPurposes...),
		expand(sectorRegionLand, land, "Предоставление в собственность земельных участков, находящихся в собственности Самарской области, %s", "Продажа земли СО %s", regionLandPurposes...),
		expand(sectorRegionLand, needs(reqEGRPObject, reqCadExtract, reqEGRUL, reqSamaraProp), "Предоставление земельных участков, государственная собственность на которые не разграничена, в городском округе Самара %s", "Неразграниченная земля в Самаре %s", regionLandPurposes...),
		expand(sectorRegionLand, needs(reqCadExtract, reqEGRUL), "Предоставление в постоянное (бессрочное) пользование земельных участков, находящихся в собственности Самарской области, %s", "ПБП земли СО %s", regionLandPurposes...),
	)
	property := []serviceTemplate{
		{name: "Предоставление выписок из реестра имущества Самарской области", short: "Выписка из реестра имущества СО", sector: sectorRegionProperty},
		{name: "Предоставление в аренду имущества, находящегося в собственности Самарской области, без проведения торгов", short: "Аренда имущества СО без торгов", sector: sectorRegionProperty, needs: needs(reqEGRUL, reqEGRIP, reqEGRPObject)},
		{name: "Предоставление в безвозмездное пользование имущества, находящегося в собственности Самарской области", short: "Безвозмездное пользование имуществом СО", sector: sectorRegionProperty, needs: needs(reqEGRUL, reqEGRPObject)},
		{name: "Согласование передачи в субаренду имущества, находящегося в собственности Самарской области", short: "Согласование субаренды", sector: sectorRegionProperty, needs: needs(reqEGRUL)},
		{name: "Приватизация арендуемого имущества Самарской области субъектами малого и среднего предпринимательства", short: "Выкуп арендуемого имущества СО", sector: sectorRegionProperty, needs: needs(reqEGRUL, reqEGRIP, reqCadPassport)},
		{name: "Предоставление информации об объектах недвижимого имущества, находящихся в собственности Самарской области и предназначенных для сдачи в аренду", short: "Информация об объектах для аренды", sector: sectorRegionProperty},
		{name: "Перевод земель или земельных участков в составе земель из одной категории в другую", short: "Перевод земель в другую категорию", sector: sectorRegionLand, needs: needs(reqEGRPObject, reqCadExtract)},
		{name: "Утверждение схемы расположения земельного участка на кадастровом плане территории", short: "Утверждение схемы участка", sector: sectorRegionLand, needs: needs(reqCadPlan)},
		{name: "Выдача согласия на залог права аренды земельного участка, находящегося в собственности Самарской области", short: "Согласие на залог права аренды", sector: sectorRegionLand, needs: needs(reqEGRPObject)},
		{name: "Выдача согласия на передачу арендатором прав и обязанностей по договору аренды земельного участка третьему лицу", short: "Согласие на переуступку аренды", sector: sectorRegionLand, needs: needs(reqEGRPObject, reqEGRUL)},
		{name: "Заключение соглашения об изменении условий договора аренды земельного участка", short: "Изменение договора аренды земли", sector: sectorRegionLand, needs: needs(reqEGRPObject)},
		{name: "Прекращение права постоянного (бессрочного) пользования и пожизненного наследуемого владения земельными участками", short: "Прекращение ПБП", sector: sectorRegionLand, needs: needs(reqEGRPObject)},
		{name: "Выдача справок об оплате по договорам аренды земельных участков", short: "Справка об оплате аренды", sector: sectorRegionLand},
		{name: "Предоставление копий договоров аренды земельных участков, находящихся в собственности Самарской области", short: "Копия договора аренды", sector: sectorRegionLand},
		{name: "Установление сервитута в отношении земельного участка, находящегося в собственности Самарской области", short: "Сервитут", sector: sectorRegionLand, needs: needs(reqEGRPObject, reqCadExtract)},
		{name: "Предоставление земельных участков в собственность бесплатно гражданам, имеющим трёх и более детей", short: "Земля многодетным", sector: sectorRegionLand, needs: needs(reqBirth, reqResidence, reqCadExtract)},
		{name: "Организация и проведение торгов по продаже земельных участков или права на заключение договоров аренды", short: "Земельные торги", sector: sectorRegionLand},
		{name: "Приём в собственность Самарской области имущества, находящегося в федеральной или муниципальной собственности", short: "Приём имущества в собственность СО", sector: sectorRegionProperty, needs: needs(reqEGRPObject, reqCadPassport)},
		{name: "Передача имущества Самарской области в муниципальную собственность", short: "Передача имущества муниципалитетам", sector: sectorRegionProperty, needs: needs(reqEGRPObject)},
		{name: "Согласование сделок государственных унитарных предприятий Самарской области с недвижимым имуществом", short: "Согласование сделок ГУП", sector: sectorRegionProperty, needs: needs(reqEGRUL, reqEGRPObject)},
		{name: "Предоставление жилых помещений специализированного жилищного фонда Самарской области", short: "Служебное жильё СО", sector: sectorRegionHousing, needs: needs(reqEGRPPerson, reqResidence)},
		{name: "Заключение договоров купли-продажи объектов недвижимости, находящихся в собственности Самарской области, по итогам торгов", short: "Продажа имущества СО по итогам торгов", sector: sectorRegionProperty},
		{name: "Выдача разрешений на использование земель Самарской области без предоставления земельных участков", short: "Использование земель без предоставления", sector: sectorRegionLand, needs: needs(reqCadPlan)},
		{name: "Определение кадастровой стоимости земельных участков в случае образования новых участков", short: "Кадастровая стоимость новых участков", sector: sectorRegionLand, needs: needs(reqCadExtract)},
		{name: "Предоставление информации о результатах государственной кадастровой оценки земель", short: "Результаты кадастровой оценки", sector: sectorRegionLand},
		{name: "Выдача выписок из перечня имущества Самарской области для поддержки субъектов малого и среднего предпринимательства", short: "Перечень имущества для МСП", sector: sectorRegionProperty},
	}
	return interleave(lease, property)
}

var constructionScopes = []variant{
	{"объектов капитального строительства регионального значения", "объектов регионального значения"},
	{"объектов капитального строительства на земельных участках, находящихся в собственности Самарской области", "на землях СО"},
	{"объектов капитального строительства, размещаемых на территориях двух и более муниципальных образований", "межмуниципальных объектов"},
	{"объектов капитального строительства в границах особо охраняемых природных территорий регионального значения", "объектов на ООПТ"},
	{"линейных объектов регионального значения", "линейных объектов"},
	{"объектов капитального строительства при реконструкции объектов культурного наследия регионального значения", "при реконструкции ОКН"},
}

func minstroyTemplates() []serviceTemplate {
	permits := interleave(
		expand(sectorConstruction, needs(reqEGRPObject, reqCadExtract, reqEGRUL), "Выдача разрешения на строительство %s", "Разрешение на строительство %s", constructionScopes...),
		expand(sectorConstruction, needs(reqEGRPObject, reqCadPassport), "Выдача разрешения на ввод в эксплуатацию %s", "Разрешение на ввод %s", constructionScopes...),
		expand(sectorConstruction, needs(reqEGRPObject), "Продление срока действия разрешения на строительство %s", "Продление разрешения %s", constructionScopes...),
		expand(sectorConstruction, needs(reqEGRPObject, reqEGRUL), "Внесение изменений в разрешение на строительство %s", "Изменение разрешения %s", constructionScopes...),
	)
	other := []serviceTemplate{
		{name: "Проведение государственной экспертизы проектной документации и результатов инженерных изысканий", short: "Госэкспертиза проекта", sector: sectorConstruction, needs: needs(reqEGRUL, reqEGRPObject)},
		{name: "Проверка достоверности определения сметной стоимости объектов капитального строительства", short: "Проверка сметной стоимости", sector: sectorConstruction, needs: needs(reqEGRUL)},
		{name: "Выдача заключения о соответствии застройщика и проектной декларации требованиям законодательства о долевом строительстве", short: "Заключение о соответствии застройщика", sector: sectorConstruction, needs: needs(reqEGRUL, reqTaxDebt, reqEGRPObject)},
		{name: "Включение граждан в реестр граждан, чьи денежные средства привлечены для строительства многоквартирных домов и чьи права нарушены", short: "Реестр обманутых дольщиков", sector: sectorRegionHousing, needs: needs(reqEGRPPerson, reqResidence)},
		{name: "Выдача свидетельств молодым семьям о праве на получение социальной выплаты на приобретение (строительство) жилья", short: "Свидетельство молодой семье", sector: sectorRegionHousing, needs: needs(reqMarriage, reqEGRPPerson, reqResidence)},
		{name: "Предоставление социальных выплат на приобретение жилья молодым специалистам, работающим в сельской местности", short: "Выплата сельским специалистам", sector: sectorRegionHousing, needs: needs(reqEGRPPerson, reqResidence)},
		{name: "Выдача государственных жилищных сертификатов гражданам, выезжающим из районов Крайнего Севера", short: "Жилищный сертификат", sector: sectorRegionHousing, needs: needs(reqEGRPPerson)},
		{name: "Предоставление субсидий на возмещение части процентной ставки по ипотечным жилищным кредитам", short: "Субсидия по ипотеке", sector: sectorRegionHousing, needs: needs(reqEGRPObject, reqResidence)},
		{name: "Выдача заключения о соответствии объекта требованиям технических регламентов при осуществлении государственного строительного надзора", short: "Заключение стройнадзора", sector: sectorConstruction, needs: needs(reqEGRPObject)},
		{name: "Приём извещений о начале строительства объектов капитального строительства", short: "Извещение о начале строительства", sector: sectorConstruction},
		{name: "Предоставление сведений из реестра выданных разрешений на строительство", short: "Сведения о разрешениях", sector: sectorConstruction},
		{name: "Согласование проектов планировки территорий для размещения объектов регионального значения", short: "Согласование проекта планировки", sector: sectorConstruction, needs: needs(reqCadPlan)},
	}
	return interleave(permits, other)
}

var licensedActivities = []variant{
	{"медицинской деятельности", "медицинской деятельности"},
	{"фармацевтической деятельности", "фармацевтической деятельности"},
	{"деятельности по обороту наркотических средств, психотропных веществ и их прекурсоров, культивированию наркосодержащих растений", "оборота наркотических средств"},
}

func minzdravTemplates() []serviceTemplate {
	licences := interleave(
		expand(sectorLicensing, needs(reqEGRUL, reqEGRPObject, reqCadPassport), "Предоставление лицензии на осуществление %s", "Лицензия %s", licensedActivities...),
		expand(sectorLicensing, needs(reqEGRUL, reqEGRPObject), "Переоформление лицензии на осуществление %s", "Переоформление лицензии %s", licensedActivities...),
		expand(sectorLicensing, needs(reqEGRUL), "Выдача дубликата лицензии на осуществление %s", "Дубликат лицензии %s", licensedActivities...),
		expand(sectorLicensing, nil, "Выдача копии лицензии на осуществление %s", "Копия лицензии %s", licensedActivities...),
		expand(sectorLicensing, needs(reqEGRUL), "Прекращение действия лицензии на осуществление %s", "Прекращение лицензии %s", licensedActivities...),
		expand(sectorLicensing, nil, "Предоставление выписки из реестра лицензий на осуществление %s", "Выписка из реестра лицензий %s", licensedActivities...),
	)
	staff := expand(sectorHealthStaff, nil, "Присвоение квалификационной категории %s", "Категория %s",
		variant{"врачам", "врачам"},
		variant{"провизорам", "провизорам"},
		variant{"специалистам со средним медицинским образованием", "среднему медперсоналу"},
		variant{"специалистам со средним фармацевтическим образованием", "фармацевтам"},
	)
	drugs := expand(sectorHealth, needs(reqSNILS, reqResidence), "Обеспечение лекарственными препаратами и изделиями медицинского назначения %s", "Лекарственное обеспечение %s",
		variant{"детей первых трёх лет жизни", "детей до трёх лет"},
		variant{"детей из многодетных семей в возрасте до шести лет", "детей из многодетных семей"},
		variant{"граждан, страдающих социально значимыми заболеваниями", "больных социально значимыми заболеваниями"},
		variant{"граждан, больных сахарным диабетом", "больных диабетом"},
		variant{"реабилитированных лиц и лиц, признанных пострадавшими от политических репрессий", "реабилитированных"},
		variant{"тружеников тыла", "тружеников тыла"},
	)
	other := []serviceTemplate{
		{name: "Направление граждан на оказание высокотехнологичной медицинской помощи за счёт бюджетных ассигнований", short: "Направление на ВМП", sector: sectorHealth, needs: needs(reqSNILS, reqPassport)},
		{name: "Направление граждан на лечение за пределы Самарской области", short: "Лечение за пределами области", sector: sectorHealth, needs: needs(reqSNILS, reqResidence)},
		{name: "Выдача направлений на санаторно-курортное лечение детей в санаторно-курортные учреждения Самарской области", short: "Санаторное лечение детей", sector: sectorHealth, needs: needs(reqBirth)},
		{name: "Организация бесплатного зубопротезирования отдельных категорий граждан в медицинских организациях Самарской области", short: "Организация зубопротезирования", sector: sectorHealth, needs: needs(reqPension)},
		{name: "Выдача свидетельств об аккредитации медицинских и фармацевтических организаций", short: "Аккредитация медорганизаций", sector: sectorLicensing, needs: needs(reqEGRUL)},
		{name: "Предоставление информации о порядке оказания медицинской помощи в рамках территориальной программы государственных гарантий", short: "Информация о программе госгарантий", sector: sectorHealth},
		{name: "Выдача справок о нуждаемости в санаторно-курортном лечении для направления в медицинские организации", short: "Справка о нуждаемости в лечении", sector: sectorHealth},
		{name: "Направление граждан на медико-социальную экспертизу в медицинских организациях Самарской области", short: "Направление на МСЭ", sector: sectorHealth, needs: needs(reqSNILS)},
		{name: "Проведение аттестации специалистов, осуществляющих медицинскую деятельность без медицинского образования", short: "Аттестация без медобразования", sector: sectorHealthStaff},
		{name: "Приём квалификационных экзаменов у специалистов, не работавших по специальности более пяти лет", short: "Квалификационный экзамен", sector: sectorHealthStaff},
		{name: "Выдача сертификатов специалиста медицинским и фармацевтическим работникам", short: "Сертификат специалиста", sector: sectorHealthStaff},
		{name: "Ведение регионального сегмента регистра лиц, имеющих право на обеспечение лекарственными препаратами", short: "Регистр льготников", sector: sectorHealth, needs: needs(reqSNILS)},
		{name: "Обеспечение граждан путёвками в санатории для долечивания после стационарного лечения", short: "Долечивание в санаториях", sector: sectorHealth, needs: needs(reqSNILS)},
		{name: "Выдача разрешений на занятие народной медициной (целительством)", short: "Разрешение на народную медицину", sector: sectorHealthStaff, needs: needs(reqPassport)},
		{name: "Оказание помощи в оплате дорогостоящих медицинских препаратов гражданам, находящимся в трудной жизненной ситуации", short: "Помощь в оплате лекарств", sector: sectorHealth, needs: needs(reqResidence, reqPension)},
		{name: "Выдача заключений о соответствии медицинских организаций требованиям к участию в программе модернизации здравоохранения", short: "Заключение для модернизации", sector: sectorLicensing},
		{name: "Предоставление компенсации расходов на проезд к месту лечения и обратно детям-инвалидам и сопровождающим их лицам", short: "Компенсация проезда к месту лечения", sector: sectorHealth, needs: needs(reqSNILS, reqResidence)},
	}
	return interleave(licences, other, drugs, staff)
}

var smbPurposes = []variant{
	{"на возмещение части затрат на уплату процентов по кредитам", "по кредитам"},
	{"на возмещение части затрат по договорам лизинга оборудования", "по лизингу"},
	{"начинающим предпринимателям на создание собственного бизнеса", "начинающим"},
	{"на возмещение части затрат на участие в выставочно-ярмарочных мероприятиях", "на выставки"},
	{"на возмещение части затрат на технологическое присоединение к объектам электросетевого хозяйства", "на техприсоединение"},
	{"на возмещение части затрат на сертификацию продукции", "на сертификацию"},
	{"осуществляющим деятельность в сфере инноваций", "инновационным"},
	{"на возмещение части затрат на приобретение оборудования в целях модернизации производства", "на модернизацию"},
}

func minekonomTemplates() []serviceTemplate {
	support := expand(sectorBusiness, needs(reqEGRUL, reqEGRIP, reqTaxDebt), "Предоставление субсидий субъектам малого и среднего предпринимательства %s", "Субсидия МСП %s", smbPurposes...)
	alcohol := []serviceTemplate{
		{name: "Выдача лицензии на розничную продажу алкогольной продукции", short: "Лицензия на алкоголь", sector: sectorAlcohol, needs: needs(reqEGRUL, reqTaxDebt, reqEGRPObject, reqCadPassport)},
		{name: "Продление срока действия лицензии на розничную продажу алкогольной продукции", short: "Продление лицензии на алкоголь", sector: sectorAlcohol, needs: needs(reqEGRUL, reqTaxDebt)},
		{name: "Переоформление лицензии на розничную продажу алкогольной продукции", short: "Переоформление лицензии на алкоголь", sector: sectorAlcohol, needs: needs(reqEGRUL, reqEGRPObject)},
		{name: "Выдача дубликата лицензии на розничную продажу алкогольной продукции", short: "Дубликат лицензии на алкоголь", sector: sectorAlcohol, fee: "200.00"},
		{name: "Досрочное прекращение действия лицензии на розничную продажу алкогольной продукции", short: "Прекращение лицензии на алкоголь", sector: sectorAlcohol, free: true},
		{name: "Приём деклараций об объёме розничной продажи алкогольной и спиртосодержащей продукции", short: "Декларации по алкоголю", sector: sectorAlcohol, free: true},
	}
	trade := []serviceTemplate{
		{name: "Выдача разрешения на осуществление деятельности по перевозке пассажиров и багажа легковым такси на территории Самарской области", short: "Разрешение на такси", sector: sectorTaxi, needs: needs(reqEGRIP, reqEGRUL)},
		{name: "Переоформление разрешения на осуществление деятельности по перевозке пассажиров и багажа легковым такси", short: "Переоформление разрешения на такси", sector: sectorTaxi, needs: needs(reqEGRIP)},
		{name: "Выдача дубликата разрешения на осуществление деятельности по перевозке пассажиров и багажа легковым такси", short: "Дубликат разрешения на такси", sector: sectorTaxi},
		{name: "Лицензирование деятельности по заготовке, хранению, переработке и реализации лома чёрных металлов", short: "Лицензия на лом чёрных металлов", sector: sectorScrap, needs: needs(reqEGRUL, reqEGRPObject)},
		{name: "Лицензирование деятельности по заготовке, хранению, переработке и реализации лома цветных металлов", short: "Лицензия на лом цветных металлов", sector: sectorScrap, needs: needs(reqEGRUL, reqEGRPObject)},
		{name: "Переоформление лицензии на заготовку, хранение, переработку и реализацию лома чёрных и цветных металлов", short: "Переоформление лицензии на лом", sector: sectorScrap, needs: needs(reqEGRUL)},
		{name: "Включение сведений в торговый реестр Самарской области", short: "Включение в торговый реестр", sector: sectorTrade, needs: needs(reqEGRUL, reqEGRIP)},
		{name: "Внесение изменений в сведения торгового реестра Самарской области и исключение из него", short: "Изменение торгового реестра", sector: sectorTrade},
		{name: "Предоставление сведений из торгового реестра Самарской области", short: "Сведения из торгового реестра", sector: sectorTrade},
		{name: "Согласование плана организации розничных рынков на территории Самарской области", short: "План розничных рынков", sector: sectorTrade},
		{name: "Предоставление информации о ценах на социально значимые продовольственные товары", short: "Информация о ценах", sector: sectorTrade},
	}
	investment := []serviceTemplate{
		{name: "Присвоение инвестиционному проекту статуса приоритетного инвестиционного проекта Самарской области", short: "Статус приоритетного проекта", sector: sectorInvestment, needs: needs(reqEGRUL, reqTaxDebt)},
		{name: "Предоставление государственных гарантий Самарской области по инвестиционным проектам", short: "Госгарантии по проектам", sector: sectorInvestment, needs: needs(reqEGRUL, reqTaxDebt, reqEGRPObject)},
		{name: "Предоставление налоговых льгот организациям, реализующим приоритетные инвестиционные проекты", short: "Налоговые льготы инвесторам", sector: sectorInvestment, needs: needs(reqEGRUL)},
		{name: "Предоставление субсидий на возмещение части затрат на уплату процентов по кредитам на реализацию инвестиционных проектов", short: "Субсидия инвесторам по кредитам", sector: sectorInvestment, needs: needs(reqEGRUL, reqTaxDebt)},
		{name: "Включение инвестиционных проектов в реестр инвестиционных проектов Самарской области", short: "Реестр инвестпроектов", sector: sectorInvestment},
		{name: "Сопровождение инвестиционных проектов по принципу «одного окна»", short: "Сопровождение инвестпроектов", sector: sectorInvestment},
		{name: "Предоставление поручительств гарантийного фонда по обязательствам субъектов малого и среднего предпринимательства", short: "Поручительства для МСП", sector: sectorBusiness, needs: needs(reqEGRUL, reqEGRIP)},
		{name: "Предоставление информационно-консультационной поддержки субъектам малого и среднего предпринимательства", short: "Консультации для МСП", sector: sectorBusiness},
		{name: "Предоставление в аренду помещений бизнес-инкубаторов субъектам малого предпринимательства", short: "Бизнес-инкубатор", sector: sectorBusiness, needs: needs(reqEGRIP)},
		{name: "Отбор муниципальных образований для предоставления субсидий на поддержку малого и среднего предпринимательства", short: "Отбор муниципалитетов", sector: sectorBusiness},
	}
	return interleave(support, alcohol, trade, investment)
}

func zagsTemplates() []serviceTemplate {
	identity := needs(reqPassport, reqResidence)
	return []serviceTemplate{
		{name: "Государственная регистрация рождения", short: "Регистрация рождения", sector: sectorCivil, needs: identity, free: true},
		{name: "Государственная регистрация смерти", short: "Регистрация смерти", sector: sectorCivil, needs: needs(reqPassport, reqPension), free: true},
		{name: "Государственная регистрация заключения брака", short: "Регистрация брака", sector: sectorCivil, needs: identity},
		{name: "Государственная регистрация расторжения брака", short: "Регистрация расторжения брака", sector: sectorCivil, needs: needs(reqPassport, reqResidence), fee: "400.00"},
		{name: "Государственная регистрация усыновления (удочерения)", short: "Регистрация усыновления", sector: sectorCivil, needs: needs(reqPassport, reqResidence), free: true},
		{name: "Государственная регистрация установления отцовства", short: "Регистрация установления отцовства", sector: sectorCivil, needs: needs(reqPassport, reqStay)},
		{name: "Государственная регистрация перемены имени", short: "Регистрация перемены имени", sector: sectorCivil, needs: needs(reqPassport, reqResidence, reqConviction), fee: "500.00"},
		{name: "Выдача повторного свидетельства о государственной регистрации акта гражданского состояния", short: "Повторное свидетельство", sector: sectorCivil, needs: needs(reqPassport), fee: "100.00"},
		{name: "Выдача справок о государственной регистрации актов гражданского состояния", short: "Справка о регистрации акта", sector: sectorCivil, free: true},
		{name: "Внесение исправлений и изменений в записи актов гражданского состояния", short: "Исправление записи акта", sector: sectorCivil, needs: needs(reqPassport), fee: "400.00"},
		{name: "Восстановление записей актов гражданского состояния", short: "Восстановление записи акта", sector: sectorCivil},
		{name: "Аннулирование записей актов гражданского состояния", short: "Аннулирование записи акта", sector: sectorCivil, free: true},
		{name: "Истребование личных документов с территории иностранных государств", short: "Истребование документов из-за рубежа", sector: sectorCivil, free: true},
		{name: "Проставление апостиля на официальных документах, выданных органами записи актов гражданского состояния Самарской области", short: "Апостиль", sector: sectorCivil, fee: "1500.00"},
		{name: "Выдача документов о государственной регистрации актов гражданского состояния из архивного фонда", short: "Архивные документы ЗАГС", sector: sectorCivil, free: true},
		{name: "Торжественная регистрация заключения брака во Дворце бракосочетания", short: "Торжественная регистрация брака", sector: sectorCivil},
	}
}

func fssTemplates() []serviceTemplate {
	return []serviceTemplate{
		{name: "Регистрация в качестве страхователей физических лиц, заключивших трудовой договор с работником", short: "Регистрация страхователя — работодателя", sector: sectorInsurance, needs: needs(reqEGRIP, reqResidence)},
		{name: "Регистрация в качестве страхователей физических лиц, добровольно вступивших в правоотношения по обязательному социальному страхованию на случай временной нетрудоспособности и в связи с материнством", short: "Добровольная регистрация страхователя", sector: sectorInsurance, needs: needs(reqEGRIP, reqINN)},
		{name: "Снятие с регистрационного учёта страхователей — физических лиц, заключивших трудовой договор с работником", short: "Снятие страхователя с учёта", sector: sectorInsurance, needs: needs(reqEGRIP, reqDeath)},
		{name: "Регистрация в качестве страхователей юридических лиц по месту нахождения обособленных подразделений", short: "Регистрация обособленного подразделения", sector: sectorInsurance, needs: needs(reqEGRUL, reqTaxDebt)},
	}
}
