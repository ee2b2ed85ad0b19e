package demo

// request is one kind of interdepartmental request that a chart row makes:
// the data kind, what is requested and the acts behind it.
type request struct {
	id string
	// kind is the data kind version that charts request by default.
	kind string
	// olderKind is an older version that is still served and that every
	// third chart requests. It is empty when the data kind has one live
	// version.
	olderKind string
	// withdrawnKind is a withdrawn version that a few draft charts still
	// name, or empty.
	withdrawnKind string
	document      string
	composition   string
	// basis is the act that obliges the provider to give the data.
	basis string
	// resource is the basic state information resource the data come from.
	resource string
	// days is the answer term in working days. A term above
	// charts.DefaultDeadlineDays comes with daysBasis.
	days      int
	daysBasis string
	// rowBasis is the legal basis of a chart row that makes the request:
	// article 7.2 of 210-FZ and basis. requestIndex fills it in.
	rowBasis string
}

// Request identifiers used by the service catalogs.
const (
	reqEGRUL       = "egrul"
	reqEGRIP       = "egrip"
	reqIncome      = "income"
	reqTaxDebt     = "tax-debt"
	reqINN         = "inn"
	reqEGRPObject  = "egrp-object"
	reqEGRPPerson  = "egrp-person"
	reqCadPassport = "cad-passport"
	reqCadExtract  = "cad-extract"
	reqCadPlan     = "cad-plan"
	reqResidence   = "residence"
	reqStay        = "stay"
	reqPassport    = "passport"
	reqConviction  = "conviction"
	reqPension     = "pension"
	reqSNILS       = "snils"
	reqMatCapital  = "mat-capital"
	reqFSSInsurer  = "fss-insurer"
	reqEnforcement = "enforcement"
	reqBirth       = "birth"
	reqDeath       = "death"
	reqMarriage    = "marriage"
	reqRegionProp  = "region-property"
	reqBuildCheck  = "build-check"
	reqSocSupport  = "social-support"
	reqSamaraProp  = "samara-property"
)

var requests = []request{
	{
		id: reqEGRUL, kind: kindEGRULv2, olderKind: kindEGRULv1,
		document:    "Выписка из Единого государственного реестра юридических лиц",
		composition: "Полное наименование, ОГРН, ИНН, КПП, адрес (место нахождения) юридического лица, сведения о лице, имеющем право действовать без доверенности, виды экономической деятельности",
		basis:       citeArticle(act129FZ, "ст. 6"),
		resource:    "Единый государственный реестр юридических лиц (ЕГРЮЛ)",
		days:        5,
	},
	{
		id: reqEGRIP, kind: kindEGRIPv2, withdrawnKind: kindEGRIPv1,
		document:    "Выписка из Единого государственного реестра индивидуальных предпринимателей",
		composition: "Фамилия, имя, отчество, ОГРНИП, ИНН, место жительства индивидуального предпринимателя, виды экономической деятельности, дата прекращения деятельности",
		basis:       citeArticle(act129FZ, "ст. 6"),
		resource:    "Единый государственный реестр индивидуальных предпринимателей (ЕГРИП)",
		days:        5,
	},
	{
		id: reqIncome, kind: kindFNSIncome,
		document:    "Сведения о доходах физического лица по справкам по форме 2-НДФЛ",
		composition: "Фамилия, имя, отчество, ИНН, налоговый агент, суммы дохода по месяцам налогового периода",
		basis:       citeArticle(actTaxCode, "ст. 102"),
		resource:    "Информационный ресурс ФНС России «Сведения о доходах физических лиц»",
		days:        5,
	},
	{
		id: reqTaxDebt, kind: kindFNSDebt,
		document:    "Справка об исполнении налогоплательщиком обязанности по уплате налогов, сборов, пеней, штрафов",
		composition: "ИНН и наименование налогоплательщика, дата, на которую сформирована справка, сведения о наличии (отсутствии) неисполненной обязанности по уплате налогов, сборов, пеней и штрафов",
		basis:       citeArticle(actTaxCode, "подп. 10 п. 1 ст. 32"),
		resource:    "Единый государственный реестр налогоплательщиков (ЕГРН)",
		days:        5,
	},
	{
		id: reqINN, kind: kindFNSINN,
		document:    "Сведения об идентификационном номере налогоплательщика — физического лица",
		composition: "Фамилия, имя, отчество, дата рождения, реквизиты документа, удостоверяющего личность, ИНН",
		basis:       citeArticle(actTaxCode, "ст. 84"),
		resource:    "Единый государственный реестр налогоплательщиков (ЕГРН)",
		days:        5,
	},
	{
		id: reqEGRPObject, kind: kindEGRPObject,
		document:    "Выписка из Единого государственного реестра прав на недвижимое имущество и сделок с ним о правах на объект недвижимого имущества",
		composition: "Кадастровый (условный) номер, адрес, площадь, вид права, правообладатель, дата и номер государственной регистрации права, ограничения (обременения) права",
		basis:       citeArticle(act122FZ, "ст. 7"),
		resource:    "Единый государственный реестр прав на недвижимое имущество и сделок с ним (ЕГРП)",
		days:        5,
	},
	{
		id: reqEGRPPerson, kind: kindEGRPPerson,
		document:    "Выписка из ЕГРП о правах отдельного лица на имевшиеся (имеющиеся) у него объекты недвижимого имущества",
		composition: "Фамилия, имя, отчество правообладателя, перечень объектов недвижимого имущества, вид права, даты государственной регистрации и прекращения права",
		basis:       citeArticle(act122FZ, "ст. 7"),
		resource:    "Единый государственный реестр прав на недвижимое имущество и сделок с ним (ЕГРП)",
		days:        5,
	},
	{
		id: reqCadPassport, kind: kindCadPassport,
		document:    "Кадастровый паспорт объекта недвижимости",
		composition: "Кадастровый номер, адрес (местоположение), площадь, назначение, этажность, план объекта, кадастровая стоимость",
		basis:       citeArticle(act221FZ, "ст. 14"),
		resource:    "Государственный кадастр недвижимости (ГКН)",
		days:        5,
	},
	{
		id: reqCadExtract, kind: kindCadExtract,
		document:    "Кадастровая выписка о земельном участке",
		composition: "Кадастровый номер, категория земель, вид разрешённого использования, площадь, описание местоположения границ, кадастровая стоимость, сведения о частях земельного участка",
		basis:       citeArticle(act221FZ, "ст. 14"),
		resource:    "Государственный кадастр недвижимости (ГКН)",
		days:        5,
	},
	{
		id: reqCadPlan, kind: kindCadPlan,
		document:    "Кадастровый план территории",
		composition: "Сведения о земельных участках и объектах капитального строительства в границах кадастрового квартала, сведения о пунктах опорной межевой сети",
		basis:       citeArticle(act221FZ, "ст. 14"),
		resource:    "Государственный кадастр недвижимости (ГКН)",
		days:        5,
	},
	{
		id: reqResidence, kind: kindResidence,
		document:    "Сведения о регистрации по месту жительства",
		composition: "Фамилия, имя, отчество, дата рождения, адрес и дата регистрации по месту жительства",
		basis:       citeArticle(actResidence, "ст. 3"),
		resource:    "Автоматизированная система учёта граждан по месту пребывания и по месту жительства УФМС России",
		days:        5,
	},
	{
		id: reqStay, kind: kindStay,
		document:    "Сведения о регистрации по месту пребывания",
		composition: "Фамилия, имя, отчество, дата рождения, адрес и срок регистрации по месту пребывания",
		basis:       citeArticle(actResidence, "ст. 5"),
		resource:    "Автоматизированная система учёта граждан по месту пребывания и по месту жительства УФМС России",
		days:        5,
	},
	{
		id: reqPassport, kind: kindPassportMVD,
		document:    "Сведения о действительности паспорта гражданина Российской Федерации",
		composition: "Серия и номер паспорта, дата выдачи, статус паспорта (действителен, недействителен), основание признания недействительным",
		basis:       citeAct(actPassport),
		resource:    "Автоматизированная система «Российский паспорт»",
		days:        2,
	},
	{
		id: reqConviction, kind: kindConviction,
		document:    "Справка о наличии (отсутствии) судимости и (или) факта уголовного преследования либо о прекращении уголовного преследования",
		composition: "Фамилия, имя, отчество, дата и место рождения, сведения о наличии (отсутствии) судимости, о факте уголовного преследования или его прекращении",
		basis:       citeArticle(act3FZ, "п. 33 ч. 1 ст. 13"),
		resource:    "Централизованные оперативно-справочные учёты Информационного центра ГУ МВД России по Самарской области",
		days:        20,
		daysBasis:   citeAct(actConvicRgl) + ", п. 13: справка выдаётся в срок не более 30 календарных дней",
	},
	{
		id: reqPension, kind: kindPensionV2, withdrawnKind: kindPensionV1,
		document:    "Сведения о размере пенсии и иных социальных выплат",
		composition: "Фамилия, имя, отчество, СНИЛС, вид пенсии, размер пенсии и иных социальных выплат за расчётный период, дата назначения",
		basis:       citeAct(act173FZ),
		resource:    "Информационная база Отделения ПФР по Самарской области о выплате пенсий",
		days:        5,
	},
	{
		id: reqSNILS, kind: kindSNILS,
		document:    "Сведения о страховом номере индивидуального лицевого счёта (СНИЛС)",
		composition: "Фамилия, имя, отчество, дата рождения, пол, страховой номер индивидуального лицевого счёта",
		basis:       citeArticle(act27FZ, "ст. 6"),
		resource:    "Информационная база индивидуального (персонифицированного) учёта ПФР",
		days:        5,
	},
	{
		id: reqMatCapital, kind: kindMatCapital,
		document:    "Сведения о выдаче государственного сертификата на материнский (семейный) капитал и об остатке его средств",
		composition: "Фамилия, имя, отчество владельца сертификата, серия и номер сертификата, дата выдачи, размер оставшейся части средств",
		basis:       citeAct(act256FZ),
		resource:    "Федеральный регистр лиц, имеющих право на дополнительные меры государственной поддержки",
		days:        5,
	},
	{
		id: reqFSSInsurer, kind: kindFSSInsurer,
		document:    "Сведения о регистрации страхователя в территориальном органе ФСС РФ",
		composition: "Регистрационный номер страхователя, код подчинённости, дата регистрации и снятия с регистрационного учёта",
		basis:       citeArticle(act125FZFSS, "ст. 6"),
		resource:    "Реестр страхователей Фонда социального страхования Российской Федерации",
		days:        5,
	},
	{
		id: reqEnforcement, kind: kindEnforcement,
		document:    "Сведения о возбуждённых исполнительных производствах в отношении должника",
		composition: "Фамилия, имя, отчество (наименование) должника, номер и дата возбуждения исполнительного производства, предмет исполнения, остаток задолженности",
		basis:       citeArticle(act229FZ, "ст. 6.1"),
		resource:    "Банк данных исполнительных производств ФССП России",
		days:        5,
	},
	{
		id: reqBirth, kind: kindBirth,
		document:    "Сведения о государственной регистрации рождения",
		composition: "Фамилия, имя, отчество и дата рождения ребёнка, сведения о родителях, номер и дата записи акта о рождении, орган ЗАГС, составивший запись",
		basis:       citeArticle(act143FZ, "ст. 9"),
		resource:    "Архив записей актов гражданского состояния Управления ЗАГС Самарской области",
		days:        3,
	},
	{
		id: reqDeath, kind: kindDeath,
		document:    "Сведения о государственной регистрации смерти",
		composition: "Фамилия, имя, отчество, дата рождения и дата смерти умершего, номер и дата записи акта о смерти, орган ЗАГС, составивший запись",
		basis:       citeArticle(act143FZ, "ст. 9"),
		resource:    "Архив записей актов гражданского состояния Управления ЗАГС Самарской области",
		days:        3,
	},
	{
		id: reqMarriage, kind: kindMarriage,
		document:    "Сведения о государственной регистрации заключения брака",
		composition: "Фамилии, имена, отчества супругов, дата заключения брака, номер и дата записи акта о заключении брака, орган ЗАГС, составивший запись",
		basis:       citeArticle(act143FZ, "ст. 9"),
		resource:    "Архив записей актов гражданского состояния Управления ЗАГС Самарской области",
		days:        5,
	},
	{
		id: reqRegionProp, kind: kindRegionProp,
		document:    "Выписка из реестра имущества Самарской области",
		composition: "Наименование и адрес объекта, реестровый номер, кадастровый номер, основание включения в реестр, правообладатель",
		basis:       citeAct(actRegionProperty),
		resource:    "Реестр имущества Самарской области",
		days:        5,
	},
	{
		id: reqBuildCheck, kind: kindBuildCheck,
		document:    "Заключение органа государственного строительного надзора о соответствии построенного объекта капитального строительства требованиям технических регламентов и проектной документации",
		composition: "Наименование и адрес объекта, реквизиты разрешения на строительство, дата и номер заключения",
		basis:       citeArticle(actTownCode, "ч. 3 ст. 55"),
		resource:    "Реестр заключений органа государственного строительного надзора Самарской области",
		days:        5,
	},
	{
		id: reqSocSupport, kind: kindSocSupport,
		document:    "Сведения о получении мер социальной поддержки",
		composition: "Фамилия, имя, отчество, категория получателя, вид и размер меры социальной поддержки, период предоставления",
		basis:       citeAct(actRegionRegister),
		resource:    "Регистр получателей мер социальной поддержки Самарской области",
		days:        5,
	},
	{
		id: reqSamaraProp, kind: kindSamaraProp,
		document:    "Выписка из реестра муниципального имущества городского округа Самара",
		composition: "Наименование и адрес объекта, реестровый номер, кадастровый номер, вид права, основание включения в реестр",
		basis:       citeAct(actMunProp),
		resource:    "Реестр муниципального имущества городского округа Самара",
		days:        5,
	},
}

// requestIndex maps a request identifier to its position in requests.
var requestIndex = func() map[string]int {
	index := make(map[string]int, len(requests))
	for i, r := range requests {
		index[r.id] = i
		requests[i].rowBasis = citeArticle(act210FZ, "ст. 7.2") + "; " + r.basis
	}
	return index
}()

// lookupRequest returns the request with the given identifier. It panics on
// an unknown identifier because the catalogs name requests by constants.
func lookupRequest(id string) *request {
	i, ok := requestIndex[id]
	if !ok {
		panic("demo: unknown request " + id)
	}
	return &requests[i]
}

// providerOf returns the provider of a data kind.
func providerOf(kind string) string {
	for _, k := range dataKinds {
		if k.Code == kind {
			return k.ProviderCode
		}
	}
	panic("demo: unknown data kind " + kind)
}

// provider returns the authority that holds the requested data.
func (r *request) provider() string {
	return providerOf(r.kind)
}
