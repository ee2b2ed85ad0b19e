package demo

import "pcii/charts"

// Applicant categories of a passport.
const (
	applicantIndividuals   = "individuals"
	applicantLegalEntities = "legal_entities"
	applicantEntrepreneurs = "entrepreneurs"
)

// Channels through which a service is requested.
const (
	channelInPerson = "in_person"
	channelMFC      = "mfc"
	channelPortal   = "portal"
	channelPost     = "post"
)

var (
	citizens   = []string{applicantIndividuals}
	businesses = []string{applicantLegalEntities, applicantEntrepreneurs}
	everyone   = []string{applicantIndividuals, applicantLegalEntities, applicantEntrepreneurs}
)

// sector is the passport content that services of one field share. Its acts
// come in addition to 210-FZ and the service's administrative regulation.
type sector struct {
	acts       []charts.LegalAct
	applicants []string
	positive   string
	negative   string
	form       string
	term       charts.Term
	refusals   []string
	// fee is the amount in roubles, empty for a free service.
	fee      string
	feeBasis string
	// documents are submitted by the applicant whether or not the service
	// is in interaction.
	documents []string
}

func calendarDays(n int) charts.Term { return charts.Term{Value: n, Unit: charts.UnitCalendarDays} }
func workingDays(n int) charts.Term  { return charts.Term{Value: n, Unit: charts.UnitWorkingDays} }

const (
	docApplication    = "Заявление о предоставлении услуги"
	docIdentity       = "Паспорт гражданина Российской Федерации или иной документ, удостоверяющий личность"
	docRepresentative = "Документ, подтверждающий полномочия представителя заявителя"
	docFounding       = "Учредительные документы юридического лица"
	docHead           = "Документ, подтверждающий полномочия руководителя юридического лица"
)

const (
	refuseIncomplete  = "Непредставление документов, обязанность по представлению которых возложена на заявителя"
	refuseFalse       = "Наличие в представленных документах недостоверных или искажённых сведений"
	refuseNotEntitled = "Заявитель не относится к категории лиц, имеющих право на получение услуги"
)

var (
	sectorVeterans = &sector{
		acts:       []charts.LegalAct{act5FZ, actRegionVeterans},
		applicants: citizens,
		positive:   "Решение о предоставлении меры социальной поддержки",
		negative:   "Уведомление об отказе в предоставлении меры социальной поддержки с указанием причин",
		form:       "Решение управления социальной защиты населения, уведомление заявителю",
		term:       calendarDays(10),
		refusals:   []string{refuseNotEntitled, refuseIncomplete, "Получение заявителем той же меры социальной поддержки по другому основанию"},
		documents:  []string{docApplication, docIdentity, "Удостоверение, подтверждающее право на меры социальной поддержки", "Реквизиты счёта в кредитной организации"},
	}
	sectorFamily = &sector{
		acts:       []charts.LegalAct{act81FZ, actRegionFamily},
		applicants: citizens,
		positive:   "Решение о назначении пособия (выплаты)",
		negative:   "Уведомление об отказе в назначении пособия (выплаты) с указанием причин",
		form:       "Решение управления социальной защиты населения, уведомление заявителю",
		term:       calendarDays(10),
		refusals:   []string{refuseNotEntitled, refuseIncomplete, "Превышение среднедушевым доходом семьи величины прожиточного минимума"},
		documents:  []string{docApplication, docIdentity, "Свидетельство о рождении ребёнка", "Справка о составе семьи"},
	}
	sectorSocialCare = &sector{
		acts:       []charts.LegalAct{act195FZ, act178FZSoc, actRegionSocial},
		applicants: citizens,
		positive:   "Решение о предоставлении социальной услуги (помощи)",
		negative:   "Уведомление об отказе в предоставлении социальной услуги (помощи)",
		form:       "Решение, договор о предоставлении социальных услуг",
		term:       calendarDays(30),
		refusals:   []string{refuseNotEntitled, refuseIncomplete, "Наличие медицинских противопоказаний к социальному обслуживанию"},
		documents:  []string{docApplication, docIdentity, "Справка медицинской организации о состоянии здоровья"},
	}
	sectorGuardianship = &sector{
		acts:       []charts.LegalAct{actFamilyCode, act48FZ},
		applicants: citizens,
		positive:   "Акт органа опеки и попечительства о предоставлении услуги",
		negative:   "Мотивированный отказ органа опеки и попечительства",
		form:       "Распоряжение, заключение или разрешение органа опеки и попечительства",
		term:       calendarDays(15),
		refusals:   []string{refuseIncomplete, "Противоречие предоставления услуги интересам несовершеннолетнего (подопечного)"},
		documents:  []string{docApplication, docIdentity, "Автобиография", "Справка с места работы с указанием должности и размера заработной платы"},
	}
	sectorDisability = &sector{
		acts:       []charts.LegalAct{act181FZ},
		applicants: citizens,
		positive:   "Решение о предоставлении компенсации (технического средства реабилитации)",
		negative:   "Уведомление об отказе с указанием причин",
		form:       "Решение, направление на получение технического средства реабилитации",
		term:       calendarDays(30),
		refusals:   []string{refuseNotEntitled, refuseIncomplete, "Отсутствие технического средства реабилитации в индивидуальной программе реабилитации инвалида"},
		documents:  []string{docApplication, docIdentity, "Индивидуальная программа реабилитации инвалида", "Справка МСЭ об установлении инвалидности"},
	}
	sectorRegionLand = &sector{
		acts:       []charts.LegalAct{actLandCode, act137FZ, actRegionLand},
		applicants: everyone,
		positive:   "Распоряжение о предоставлении земельного участка и договор",
		negative:   "Уведомление об отказе в предоставлении земельного участка",
		form:       "Распоряжение министерства, договор аренды (купли-продажи) земельного участка",
		term:       calendarDays(30),
		refusals:   []string{refuseIncomplete, "Земельный участок изъят из оборота или ограничен в обороте", "Земельный участок зарезервирован для государственных нужд"},
		documents:  []string{docApplication, docIdentity, docRepresentative, "Схема расположения земельного участка на кадастровом плане территории"},
	}
	sectorRegionProperty = &sector{
		acts:       []charts.LegalAct{act178FZPriv, act135FZ, actRegionProperty},
		applicants: everyone,
		positive:   "Договор (выписка, согласие) в отношении имущества Самарской области",
		negative:   "Уведомление об отказе с указанием причин",
		form:       "Договор, выписка из реестра или письмо министерства",
		term:       calendarDays(30),
		refusals:   []string{refuseIncomplete, "Объект не учтён в реестре имущества Самарской области", "Объект обременён правами третьих лиц"},
		documents:  []string{docApplication, docIdentity, docRepresentative},
	}
	sectorConstruction = &sector{
		acts:       []charts.LegalAct{actTownCode},
		applicants: everyone,
		positive:   "Разрешение по форме, утверждённой постановлением Правительства Российской Федерации от 24.11.2005 № 698",
		negative:   "Мотивированный отказ в выдаче разрешения",
		form:       "Разрешение на бланке установленной формы",
		term:       calendarDays(10),
		refusals:   []string{refuseIncomplete, "Несоответствие проектной документации требованиям градостроительного плана земельного участка", "Несоответствие объекта требованиям разрешения на строительство"},
		documents:  []string{docApplication, docIdentity, docRepresentative, "Материалы проектной документации", "Положительное заключение экспертизы проектной документации"},
	}
	sectorRegionHousing = &sector{
		acts:       []charts.LegalAct{actHousingCode, actHousing, actRegionHousing},
		applicants: citizens,
		positive:   "Свидетельство (решение) о праве на получение социальной выплаты",
		negative:   "Уведомление об отказе во включении в число участников программы",
		form:       "Свидетельство установленной формы, решение министерства",
		term:       calendarDays(30),
		refusals:   []string{refuseNotEntitled, refuseIncomplete, "Ранее реализованное право на улучшение жилищных условий с использованием бюджетных средств"},
		documents:  []string{docApplication, docIdentity, "Документы, подтверждающие признание семьи нуждающейся в жилом помещении", "Документы, подтверждающие доходы семьи"},
	}
	sectorLicensing = &sector{
		acts:       []charts.LegalAct{act99FZ, act323FZ, act61FZ},
		applicants: businesses,
		positive:   "Лицензия (переоформленная лицензия, выписка из реестра лицензий)",
		negative:   "Уведомление об отказе с мотивированным обоснованием причин",
		form:       "Лицензия на бланке строгой отчётности, уведомление",
		term:       calendarDays(45),
		refusals:   []string{refuseFalse, "Несоответствие соискателя лицензии лицензионным требованиям", refuseIncomplete},
		fee:        "2600.00",
		feeBasis:   citeArticle(actTaxCode2, "подп. 92 п. 1 ст. 333.33"),
		documents:  []string{docApplication, docFounding, docHead, "Копии документов об образовании и стаже работников", "Опись прилагаемых документов"},
	}
	sectorHealth = &sector{
		acts:       []charts.LegalAct{act323FZ, act61FZ},
		applicants: citizens,
		positive:   "Направление (решение) о предоставлении медицинской помощи или лекарственного обеспечения",
		negative:   "Уведомление об отказе с указанием причин",
		form:       "Направление, талон, решение комиссии",
		term:       calendarDays(10),
		refusals:   []string{refuseNotEntitled, refuseIncomplete, "Отсутствие медицинских показаний"},
		documents:  []string{docApplication, docIdentity, "Полис обязательного медицинского страхования", "Выписка из медицинской документации"},
	}
	sectorHealthStaff = &sector{
		acts:       []charts.LegalAct{act323FZ},
		applicants: citizens,
		positive:   "Приказ о присвоении квалификационной категории",
		negative:   "Решение аттестационной комиссии об отказе в присвоении категории",
		form:       "Выписка из приказа министерства",
		term:       calendarDays(60),
		refusals:   []string{refuseIncomplete, "Недостаточный стаж работы по специальности"},
		documents:  []string{docApplication, docIdentity, "Отчёт о профессиональной деятельности за три года", "Копия трудовой книжки", "Копии документов об образовании"},
	}
	sectorBusiness = &sector{
		acts:       []charts.LegalAct{act209FZ, actRegionBusiness},
		applicants: businesses,
		positive:   "Соглашение о предоставлении субсидии (поддержки)",
		negative:   "Уведомление об отказе в предоставлении поддержки",
		form:       "Соглашение, приказ министерства",
		term:       calendarDays(30),
		refusals:   []string{refuseIncomplete, "Несоответствие заявителя условиям оказания поддержки", "Наличие задолженности по уплате налогов, сборов и иных обязательных платежей"},
		documents:  []string{docApplication, docFounding, "Копии договоров и платёжных документов, подтверждающих затраты", "Технико-экономическое обоснование"},
	}
	sectorInvestment = &sector{
		acts:       []charts.LegalAct{act39FZ, actRegionInvest},
		applicants: businesses,
		positive:   "Решение Правительства Самарской области о предоставлении государственной поддержки",
		negative:   "Уведомление об отказе в предоставлении государственной поддержки",
		form:       "Постановление или распоряжение Правительства Самарской области",
		term:       calendarDays(60),
		refusals:   []string{refuseIncomplete, "Несоответствие инвестиционного проекта установленным критериям"},
		documents:  []string{docApplication, docFounding, "Бизнес-план инвестиционного проекта", "Бухгалтерская отчётность за последний отчётный период"},
	}
	sectorAlcohol = &sector{
		acts:       []charts.LegalAct{act171FZ, act99FZ},
		applicants: []string{applicantLegalEntities},
		positive:   "Лицензия на розничную продажу алкогольной продукции",
		negative:   "Уведомление об отказе в выдаче лицензии",
		form:       "Лицензия на бланке строгой отчётности",
		term:       calendarDays(30),
		refusals:   []string{refuseFalse, "Наличие задолженности по уплате налогов, сборов, пеней и штрафов", "Несоответствие объекта торговли требованиям к минимальной площади и условиям хранения"},
		fee:        "40000.00",
		feeBasis:   citeArticle(actTaxCode2, "подп. 94 п. 1 ст. 333.33"),
		documents:  []string{docApplication, docFounding, "Документ, подтверждающий наличие уставного капитала в установленном размере", "Копии документов на стационарные торговые объекты и складские помещения"},
	}
	sectorTrade = &sector{
		acts:       []charts.LegalAct{act381FZ, act271FZ},
		applicants: businesses,
		positive:   "Разрешение (сведения в торговом реестре)",
		negative:   "Уведомление об отказе с указанием причин",
		form:       "Разрешение на бланке установленной формы, выписка из реестра",
		term:       calendarDays(30),
		refusals:   []string{refuseIncomplete, refuseFalse, "Несоответствие места расположения объекта утверждённому плану"},
		documents:  []string{docApplication, docFounding, docHead},
	}
	sectorTaxi = &sector{
		acts:       []charts.LegalAct{act69FZ},
		applicants: businesses,
		positive:   "Разрешение на осуществление деятельности по перевозке пассажиров и багажа легковым такси",
		negative:   "Уведомление об отказе в выдаче разрешения",
		form:       "Разрешение на бланке установленной формы",
		term:       calendarDays(30),
		refusals:   []string{refuseIncomplete, "Транспортное средство не соответствует требованиям к легковому такси"},
		documents:  []string{docApplication, docIdentity, "Свидетельство о регистрации транспортного средства", "Договор аренды транспортного средства или доверенность"},
	}
	sectorScrap = &sector{
		acts:       []charts.LegalAct{act99FZ, act89FZ},
		applicants: businesses,
		positive:   "Лицензия на заготовку, хранение, переработку и реализацию лома металлов",
		negative:   "Уведомление об отказе с указанием причин",
		form:       "Лицензия на бланке строгой отчётности",
		term:       calendarDays(45),
		refusals:   []string{refuseFalse, "Несоответствие соискателя лицензии лицензионным требованиям"},
		fee:        "2600.00",
		feeBasis:   citeArticle(actTaxCode2, "подп. 92 п. 1 ст. 333.33"),
		documents:  []string{docApplication, docFounding, "Документы о наличии у соискателя весового и радиометрического оборудования"},
	}
	sectorCivil = &sector{
		acts:       []charts.LegalAct{act143FZ, actFamilyCode},
		applicants: citizens,
		positive:   "Запись акта гражданского состояния и свидетельство (справка) о государственной регистрации",
		negative:   "Письменное сообщение об отказе в государственной регистрации с указанием причин",
		form:       "Свидетельство на бланке установленной формы, справка",
		term:       workingDays(1),
		refusals:   []string{"Государственная регистрация акта гражданского состояния противоречит закону", refuseIncomplete},
		fee:        "200.00",
		feeBasis:   citeArticle(actTaxCode2, "ст. 333.26"),
		documents:  []string{docApplication, docIdentity},
	}
	sectorInsurance = &sector{
		acts:       []charts.LegalAct{act255FZ, act125FZFSS},
		applicants: citizens,
		positive:   "Уведомление о регистрации (снятии с регистрационного учёта) страхователя",
		negative:   "Уведомление об отказе в регистрации",
		form:       "Уведомление страхователю",
		term:       workingDays(5),
		refusals:   []string{refuseIncomplete, "Подача заявления в территориальный орган не по месту жительства заявителя"},
		documents:  []string{docApplication, docIdentity, "Трудовой договор с работником"},
	}
)
