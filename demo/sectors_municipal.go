package demo

import "pcii/charts"

var (
	sectorLand = &sector{
		acts:       []charts.LegalAct{actLandCode, act137FZ, actRegionLand},
		applicants: everyone,
		positive:   "Постановление администрации о предоставлении земельного участка и договор",
		negative:   "Уведомление об отказе в предоставлении земельного участка",
		form:       "Постановление, договор аренды (купли-продажи) земельного участка",
		term:       calendarDays(30),
		refusals:   []string{refuseIncomplete, "Земельный участок изъят из оборота или ограничен в обороте", "Земельный участок предоставлен другому лицу"},
		documents:  []string{docApplication, docIdentity, docRepresentative, "Схема расположения земельного участка на кадастровом плане территории"},
	}
	sectorTownPlanning = &sector{
		acts:       []charts.LegalAct{actTownCode},
		applicants: everyone,
		positive:   "Разрешение (градостроительный документ) установленной формы",
		negative:   "Мотивированный отказ в выдаче документа",
		form:       "Документ на бланке установленной формы",
		term:       calendarDays(10),
		refusals:   []string{refuseIncomplete, "Несоответствие представленных документов требованиям градостроительного плана земельного участка"},
		documents:  []string{docApplication, docIdentity, docRepresentative, "Материалы проектной документации"},
	}
	sectorAddress = &sector{
		acts:       []charts.LegalAct{actTownCode},
		applicants: everyone,
		positive:   "Постановление (распоряжение) о присвоении, изменении или аннулировании адреса",
		negative:   "Уведомление об отказе с указанием причин",
		form:       "Постановление администрации",
		term:       calendarDays(18),
		refusals:   []string{refuseIncomplete, "Объект недвижимости не прошёл государственный кадастровый учёт"},
		documents:  []string{docApplication, docIdentity, docRepresentative, "Правоустанавливающие документы на объект, права на который не зарегистрированы в ЕГРП"},
	}
	sectorMunicipalHousing = &sector{
		acts:       []charts.LegalAct{actHousingCode, actRegionHousing},
		applicants: citizens,
		positive:   "Решение (договор, документ) по жилищному вопросу заявителя",
		negative:   "Уведомление об отказе с указанием причин",
		form:       "Решение администрации, договор",
		term:       calendarDays(30),
		refusals:   []string{refuseIncomplete, refuseNotEntitled, "Заявитель не признан нуждающимся в жилом помещении"},
		documents:  []string{docApplication, docIdentity, docRepresentative, "Документы, подтверждающие состав семьи"},
	}
	sectorRedevelopment = &sector{
		acts:       []charts.LegalAct{actHousingCode},
		applicants: everyone,
		positive:   "Решение о согласовании (переводе) по форме, утверждённой постановлением Правительства Российской Федерации от 28.04.2005 № 266",
		negative:   "Решение об отказе в согласовании (переводе)",
		form:       "Решение на бланке установленной формы",
		term:       calendarDays(45),
		refusals:   []string{refuseIncomplete, "Несоответствие проекта переустройства и (или) перепланировки требованиям законодательства"},
		documents:  []string{docApplication, docIdentity, "Проект переустройства и (или) перепланировки жилого помещения", "Согласие в письменной форме всех членов семьи нанимателя"},
	}
	sectorPrivatisation = &sector{
		acts:       []charts.LegalAct{actPrivat, actHousingCode},
		applicants: citizens,
		positive:   "Договор передачи жилого помещения в собственность граждан",
		negative:   "Уведомление об отказе в приватизации",
		form:       "Договор передачи",
		term:       calendarDays(60),
		refusals:   []string{"Ранее использованное право на приватизацию", "Жилое помещение находится в аварийном состоянии или относится к служебному фонду"},
		documents:  []string{docApplication, docIdentity, "Договор социального найма (ордер)", "Согласие всех совместно проживающих совершеннолетних членов семьи"},
	}
	sectorMunicipalProperty = &sector{
		acts:       []charts.LegalAct{act178FZPriv, act135FZ, actMunProp},
		applicants: everyone,
		positive:   "Договор (выписка, согласие) в отношении муниципального имущества",
		negative:   "Уведомление об отказе с указанием причин",
		form:       "Договор, выписка из реестра муниципального имущества",
		term:       calendarDays(30),
		refusals:   []string{refuseIncomplete, "Объект не учтён в реестре муниципального имущества"},
		documents:  []string{docApplication, docIdentity, docRepresentative},
	}
	sectorEducation = &sector{
		acts:       []charts.LegalAct{actEducation},
		applicants: citizens,
		positive:   "Зачисление ребёнка (информация, направление)",
		negative:   "Мотивированный отказ",
		form:       "Приказ руководителя учреждения, направление, информационное письмо",
		term:       calendarDays(30),
		refusals:   []string{refuseIncomplete, "Отсутствие свободных мест в учреждении", "Несоответствие возраста ребёнка условиям приёма"},
		documents:  []string{docApplication, docIdentity, "Свидетельство о рождении ребёнка", "Медицинская карта ребёнка"},
	}
	sectorCulture = &sector{
		acts:       []charts.LegalAct{actCulture, act329FZ},
		applicants: everyone,
		positive:   "Предоставленная информация (доступ, запись)",
		negative:   "Уведомление об отказе",
		form:       "Информация в устной, письменной или электронной форме",
		term:       calendarDays(10),
		refusals:   []string{"Запрос не позволяет установить запрашиваемую информацию"},
		documents:  []string{docApplication},
	}
	sectorArchive = &sector{
		acts:       []charts.LegalAct{act125FZArch},
		applicants: everyone,
		positive:   "Архивная справка, архивная выписка или архивная копия",
		negative:   "Уведомление об отсутствии запрашиваемых сведений",
		form:       "Документ на бланке архива",
		term:       calendarDays(30),
		refusals:   []string{"Запрос не содержит сведений, необходимых для его исполнения", "Запрашиваемые документы не находятся на хранении в архиве"},
		documents:  []string{docApplication, docIdentity, "Трудовая книжка или иной документ, подтверждающий период работы"},
	}
	sectorMunicipalTrade = &sector{
		acts:       []charts.LegalAct{act381FZ, act271FZ},
		applicants: businesses,
		positive:   "Разрешение (договор) на размещение объекта или организацию торговли",
		negative:   "Уведомление об отказе с указанием причин",
		form:       "Разрешение, договор",
		term:       calendarDays(30),
		refusals:   []string{refuseIncomplete, "Несоответствие места размещения утверждённой схеме размещения нестационарных торговых объектов"},
		documents:  []string{docApplication, docFounding, docHead},
	}
	sectorAdvertising = &sector{
		acts:       []charts.LegalAct{act38FZ},
		applicants: everyone,
		positive:   "Разрешение на установку рекламной конструкции",
		negative:   "Мотивированный отказ в выдаче разрешения",
		form:       "Разрешение установленной формы",
		term:       calendarDays(60),
		refusals:   []string{"Несоответствие проекта рекламной конструкции требованиям технических регламентов", "Нарушение внешнего архитектурного облика сложившейся застройки"},
		fee:        "3000.00",
		feeBasis:   citeArticle(actTaxCode2, "подп. 105 п. 1 ст. 333.33"),
		documents:  []string{docApplication, docIdentity, "Проект рекламной конструкции", "Согласие собственника недвижимого имущества на присоединение рекламной конструкции"},
	}
	sectorRoads = &sector{
		acts:       []charts.LegalAct{act257FZ},
		applicants: everyone,
		positive:   "Специальное разрешение (согласование, свидетельство)",
		negative:   "Уведомление об отказе с указанием причин",
		form:       "Документ установленной формы",
		term:       calendarDays(15),
		refusals:   []string{refuseIncomplete, "Маршрут движения проходит по дорогам, не рассчитанным на заявленную нагрузку"},
		documents:  []string{docApplication, docIdentity, "Схема транспортного средства с указанием нагрузки на оси"},
	}
	sectorMunicipalFamily = &sector{
		acts:       []charts.LegalAct{actFamilyCode, act48FZ},
		applicants: citizens,
		positive:   "Постановление (разрешение) администрации",
		negative:   "Мотивированный отказ",
		form:       "Постановление администрации",
		term:       calendarDays(15),
		refusals:   []string{refuseIncomplete, "Отсутствие уважительных причин, предусмотренных законом"},
		documents:  []string{docApplication, docIdentity, "Документы, подтверждающие наличие уважительных причин"},
	}
	sectorFuneral = &sector{
		acts:       []charts.LegalAct{act8FZ},
		applicants: citizens,
		positive:   "Разрешение на захоронение (справка, удостоверение о захоронении)",
		negative:   "Уведомление об отказе",
		form:       "Справка, удостоверение о захоронении",
		term:       workingDays(1),
		refusals:   []string{refuseIncomplete, "Отсутствие свободного места для захоронения на указанном кладбище"},
		documents:  []string{docApplication, docIdentity, "Справка о смерти"},
	}
	sectorMunicipalBusiness = &sector{
		acts:       []charts.LegalAct{act209FZ, actRegionBusiness},
		applicants: businesses,
		positive:   "Соглашение о предоставлении поддержки",
		negative:   "Уведомление об отказе в предоставлении поддержки",
		form:       "Соглашение, постановление администрации",
		term:       calendarDays(30),
		refusals:   []string{refuseIncomplete, "Несоответствие заявителя условиям оказания поддержки"},
		documents:  []string{docApplication, docFounding, "Копии документов, подтверждающих затраты"},
	}
	sectorFarming = &sector{
		acts:       []charts.LegalAct{act112FZ, act264FZ},
		applicants: everyone,
		positive:   "Выписка (справка, субсидия) по запросу заявителя",
		negative:   "Уведомление об отказе с указанием причин",
		form:       "Выписка, справка, соглашение",
		term:       calendarDays(10),
		refusals:   []string{refuseIncomplete, "Отсутствие сведений о хозяйстве заявителя в похозяйственной книге"},
		documents:  []string{docApplication, docIdentity},
	}
	sectorLabour = &sector{
		acts:       []charts.LegalAct{actLabourCode},
		applicants: everyone,
		positive:   "Отметка о регистрации договора (соглашения)",
		negative:   "Уведомление об отказе в регистрации",
		form:       "Отметка на документе, запись в журнале регистрации",
		term:       calendarDays(7),
		refusals:   []string{refuseIncomplete, "Договор не подписан сторонами"},
		documents:  []string{docApplication, docIdentity, "Договор (соглашение) в трёх экземплярах"},
	}
	sectorGeneral = &sector{
		acts:       []charts.LegalAct{act59FZ},
		applicants: everyone,
		positive:   "Ответ (копия документа) по существу обращения",
		negative:   "Уведомление об отказе в предоставлении информации",
		form:       "Письмо администрации, заверенная копия документа",
		term:       calendarDays(30),
		refusals:   []string{"Запрос не содержит сведений, позволяющих установить запрашиваемый документ"},
		documents:  []string{docApplication, docIdentity},
	}
)
