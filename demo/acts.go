package demo

import (
	"strings"

	"pcii/charts"
)

// Issuers of the legal acts.
const (
	issuerDuma       = "Федеральное Собрание Российской Федерации"
	issuerSupreme    = "Верховный Совет Российской Федерации"
	issuerPresident  = "Президент Российской Федерации"
	issuerGovernment = "Правительство Российской Федерации"
	issuerRegionDuma = "Самарская Губернская Дума"
	issuerRegionGov  = "Правительство Самарской области"
)

func federalLaw(number, date, title string) charts.LegalAct {
	return charts.LegalAct{Type: "Федеральный закон", Number: number, Date: date, Issuer: issuerDuma, Title: title}
}

func regionalLaw(number, date, title string) charts.LegalAct {
	return charts.LegalAct{Type: "Закон Самарской области", Number: number, Date: date, Issuer: issuerRegionDuma, Title: title}
}

func legalCode(number, date, title string) charts.LegalAct {
	return charts.LegalAct{Type: "Кодекс", Number: number, Date: date, Issuer: issuerDuma, Title: title}
}

// Acts that the passports and charts cite.
var (
	act210FZ     = federalLaw("210-ФЗ", "2010-07-27", "Об организации предоставления государственных и муниципальных услуг")
	act131FZ     = federalLaw("131-ФЗ", "2003-10-06", "Об общих принципах организации местного самоуправления в Российской Федерации")
	act59FZ      = federalLaw("59-ФЗ", "2006-05-02", "О порядке рассмотрения обращений граждан Российской Федерации")
	act129FZ     = federalLaw("129-ФЗ", "2001-08-08", "О государственной регистрации юридических лиц и индивидуальных предпринимателей")
	act122FZ     = federalLaw("122-ФЗ", "1997-07-21", "О государственной регистрации прав на недвижимое имущество и сделок с ним")
	act221FZ     = federalLaw("221-ФЗ", "2007-07-24", "О государственном кадастре недвижимости")
	act143FZ     = federalLaw("143-ФЗ", "1997-11-15", "Об актах гражданского состояния")
	act27FZ      = federalLaw("27-ФЗ", "1996-04-01", "Об индивидуальном (персонифицированном) учёте в системе обязательного пенсионного страхования")
	act173FZ     = federalLaw("173-ФЗ", "2001-12-17", "О трудовых пенсиях в Российской Федерации")
	act256FZ     = federalLaw("256-ФЗ", "2006-12-29", "О дополнительных мерах государственной поддержки семей, имеющих детей")
	act229FZ     = federalLaw("229-ФЗ", "2007-10-02", "Об исполнительном производстве")
	act3FZ       = federalLaw("3-ФЗ", "2011-02-07", "О полиции")
	act125FZFSS  = federalLaw("125-ФЗ", "1998-07-24", "Об обязательном социальном страховании от несчастных случаев на производстве и профессиональных заболеваний")
	act255FZ     = federalLaw("255-ФЗ", "2006-12-29", "Об обязательном социальном страховании на случай временной нетрудоспособности и в связи с материнством")
	act5FZ       = federalLaw("5-ФЗ", "1995-01-12", "О ветеранах")
	act81FZ      = federalLaw("81-ФЗ", "1995-05-19", "О государственных пособиях гражданам, имеющим детей")
	act178FZSoc  = federalLaw("178-ФЗ", "1999-07-17", "О государственной социальной помощи")
	act195FZ     = federalLaw("195-ФЗ", "1995-12-10", "Об основах социального обслуживания населения в Российской Федерации")
	act48FZ      = federalLaw("48-ФЗ", "2008-04-24", "Об опеке и попечительстве")
	act181FZ     = federalLaw("181-ФЗ", "1995-11-24", "О социальной защите инвалидов в Российской Федерации")
	act178FZPriv = federalLaw("178-ФЗ", "2001-12-21", "О приватизации государственного и муниципального имущества")
	act135FZ     = federalLaw("135-ФЗ", "2006-07-26", "О защите конкуренции")
	act137FZ     = federalLaw("137-ФЗ", "2001-10-25", "О введении в действие Земельного кодекса Российской Федерации")
	act99FZ      = federalLaw("99-ФЗ", "2011-05-04", "О лицензировании отдельных видов деятельности")
	act323FZ     = federalLaw("323-ФЗ", "2011-11-21", "Об основах охраны здоровья граждан в Российской Федерации")
	act61FZ      = federalLaw("61-ФЗ", "2010-04-12", "Об обращении лекарственных средств")
	act209FZ     = federalLaw("209-ФЗ", "2007-07-24", "О развитии малого и среднего предпринимательства в Российской Федерации")
	act171FZ     = federalLaw("171-ФЗ", "1995-11-22", "О государственном регулировании производства и оборота этилового спирта, алкогольной и спиртосодержащей продукции и об ограничении потребления (распития) алкогольной продукции")
	act69FZ      = federalLaw("69-ФЗ", "2011-04-21", "О внесении изменений в отдельные законодательные акты Российской Федерации")
	act381FZ     = federalLaw("381-ФЗ", "2009-12-28", "Об основах государственного регулирования торговой деятельности в Российской Федерации")
	act271FZ     = federalLaw("271-ФЗ", "2006-12-30", "О розничных рынках и о внесении изменений в Трудовой кодекс Российской Федерации")
	act39FZ      = federalLaw("39-ФЗ", "1999-02-25", "Об инвестиционной деятельности в Российской Федерации, осуществляемой в форме капитальных вложений")
	act89FZ      = federalLaw("89-ФЗ", "1998-06-24", "Об отходах производства и потребления")
	act125FZArch = federalLaw("125-ФЗ", "2004-10-22", "Об архивном деле в Российской Федерации")
	act38FZ      = federalLaw("38-ФЗ", "2006-03-13", "О рекламе")
	act257FZ     = federalLaw("257-ФЗ", "2007-11-08", "Об автомобильных дорогах и о дорожной деятельности в Российской Федерации и о внесении изменений в отдельные законодательные акты Российской Федерации")
	act8FZ       = federalLaw("8-ФЗ", "1996-01-12", "О погребении и похоронном деле")
	act112FZ     = federalLaw("112-ФЗ", "2003-07-07", "О личном подсобном хозяйстве")
	act264FZ     = federalLaw("264-ФЗ", "2006-12-29", "О развитии сельского хозяйства")
	act329FZ     = federalLaw("329-ФЗ", "2007-12-04", "О физической культуре и спорте в Российской Федерации")

	actLandCode    = legalCode("136-ФЗ", "2001-10-25", "Земельный кодекс Российской Федерации")
	actTownCode    = legalCode("190-ФЗ", "2004-12-29", "Градостроительный кодекс Российской Федерации")
	actHousingCode = legalCode("188-ФЗ", "2004-12-29", "Жилищный кодекс Российской Федерации")
	actFamilyCode  = legalCode("223-ФЗ", "1995-12-29", "Семейный кодекс Российской Федерации")
	actTaxCode     = legalCode("146-ФЗ", "1998-07-31", "Налоговый кодекс Российской Федерации (часть первая)")
	actTaxCode2    = legalCode("117-ФЗ", "2000-08-05", "Налоговый кодекс Российской Федерации (часть вторая)")
	actLabourCode  = legalCode("197-ФЗ", "2001-12-30", "Трудовой кодекс Российской Федерации")

	actResidence = charts.LegalAct{Type: "Закон Российской Федерации", Number: "5242-1", Date: "1993-06-25", Issuer: issuerSupreme, Title: "О праве граждан Российской Федерации на свободу передвижения, выбор места пребывания и жительства в пределах Российской Федерации"}
	actPrivat    = charts.LegalAct{Type: "Закон Российской Федерации", Number: "1541-1", Date: "1991-07-04", Issuer: issuerSupreme, Title: "О приватизации жилищного фонда в Российской Федерации"}
	actEducation = charts.LegalAct{Type: "Закон Российской Федерации", Number: "3266-1", Date: "1992-07-10", Issuer: issuerSupreme, Title: "Об образовании"}
	actCulture   = charts.LegalAct{Type: "Закон Российской Федерации", Number: "3612-1", Date: "1992-10-09", Issuer: issuerSupreme, Title: "Основы законодательства Российской Федерации о культуре"}
	actPassport  = charts.LegalAct{Type: "Указ", Number: "232", Date: "1997-03-13", Issuer: issuerPresident, Title: "Об основном документе, удостоверяющем личность гражданина Российской Федерации на территории Российской Федерации"}
	actHousing   = charts.LegalAct{Type: "Постановление", Number: "1050", Date: "2010-12-17", Issuer: issuerGovernment, Title: "О федеральной целевой программе «Жилище» на 2011–2015 годы"}
	actMunProp   = charts.LegalAct{Type: "Приказ", Number: "424", Date: "2011-08-30", Issuer: "Министерство экономического развития Российской Федерации", Title: "Об утверждении Порядка ведения органами местного самоуправления реестров муниципального имущества"}
	actConvicRgl = charts.LegalAct{Type: "Приказ", Number: "1121", Date: "2011-11-07", Issuer: "Министерство внутренних дел Российской Федерации", Title: "Об утверждении Административного регламента Министерства внутренних дел Российской Федерации по предоставлению государственной услуги по выдаче справок о наличии (отсутствии) судимости и (или) факта уголовного преследования либо о прекращении уголовного преследования"}

	actRegionLand     = regionalLaw("94-ГД", "2005-03-11", "О земле")
	actRegionVeterans = regionalLaw("169-ГД", "2004-12-28", "О социальной поддержке ветеранов труда, тружеников тыла и реабилитированных лиц")
	actRegionFamily   = regionalLaw("122-ГД", "2004-07-16", "О государственном пособии гражданам, имеющим детей")
	actRegionProperty = regionalLaw("50-ГД", "2009-04-06", "Об управлении и распоряжении имуществом, находящимся в собственности Самарской области")
	actRegionHousing  = regionalLaw("87-ГД", "2006-07-11", "Об обеспечении жилыми помещениями отдельных категорий граждан, проживающих на территории Самарской области")
	actRegionSocial   = regionalLaw("116-ГД", "2004-07-16", "О социальном обслуживании населения в Самарской области")
	actRegionBusiness = regionalLaw("35-ГД", "2009-04-23", "О развитии малого и среднего предпринимательства на территории Самарской области")
	actRegionInvest   = regionalLaw("51-ГД", "2006-07-04", "Об инвестициях и государственной поддержке инвестиционной деятельности в Самарской области")
	actRegionRegister = charts.LegalAct{Type: "Постановление", Number: "211", Date: "2011-06-01", Issuer: issuerRegionGov, Title: "О регистре получателей мер социальной поддержки в Самарской области"}
)

// citeAct returns the reference of an act as charts and passports write it,
// such as "Федеральный закон от 27.07.2010 № 210-ФЗ «Об организации
// предоставления государственных и муниципальных услуг»". A code is cited by
// its title followed by the number of the law that enacted it.
func citeAct(a charts.LegalAct) string {
	if a.Type == "Кодекс" {
		return a.Title + " от " + russianDate(a.Date) + " № " + a.Number
	}
	cite := a.Type
	if a.Type == "Постановление" || a.Type == "Приказ" || a.Type == "Указ" {
		cite += " " + genitiveIssuer(a.Issuer)
	}
	return cite + " от " + russianDate(a.Date) + " № " + a.Number + " «" + a.Title + "»"
}

// citeArticle returns the reference of an article or part of an act.
func citeArticle(a charts.LegalAct, article string) string {
	return citeAct(a) + ", " + article
}

// russianDate turns 2006-01-02 into 02.01.2006.
func russianDate(iso string) string {
	parts := strings.Split(iso, "-")
	return parts[2] + "." + parts[1] + "." + parts[0]
}

// genitiveIssuer returns the issuer of a decree or order in the genitive
// case, as it follows the type of the act.
func genitiveIssuer(issuer string) string {
	replacements := []struct{ prefix, genitive string }{
		{"Президент ", "Президента "},
		{"Правительство ", "Правительства "},
		{"Министерство ", "Министерства "},
		{"Управление ", "Управления "},
		{"Администрация ", "Администрации "},
		{"Мэрия ", "Мэрии "},
	}
	for _, r := range replacements {
		if rest, ok := strings.CutPrefix(issuer, r.prefix); ok {
			return r.genitive + rest
		}
	}
	return issuer
}
