package demo

import "pcii/charts"

// Codes of the authorities that the catalogs, data kinds and users refer to.
const (
	codeRosreestr = "ROSREESTR63"
	codeFKP       = "FKP63"
	codeFNS       = "FNS63"
	codeMVD       = "MVD63"
	codeUFMS      = "UFMS63"
	codePFR       = "PFR63"
	codeFSS       = "FSS63"
	codeFSSP      = "FSSP63"

	codeMinsoc    = "MINSOC63"
	codeMio       = "MIO63"
	codeMinstroy  = "MINSTROY63"
	codeMinzdrav  = "MINZDRAV63"
	codeMinekonom = "MINEKONOM63"
	codeZags      = "ZAGS63"

	codeSamara   = "ADM-SAMARA"
	codeTolyatti = "ADM-TOLYATTI"
)

// authorityEntry is an authority with the number that its services carry in
// their register codes.
type authorityEntry struct {
	charts.Authority
	registerNumber int
}

var federalAuthorities = []charts.Authority{
	{Code: codeRosreestr, Name: "Управление Федеральной службы государственной регистрации, кадастра и картографии по Самарской области", ShortName: "Управление Росреестра по Самарской области"},
	{Code: codeFKP, Name: "Филиал федерального государственного бюджетного учреждения «Федеральная кадастровая палата Федеральной службы государственной регистрации, кадастра и картографии» по Самарской области", ShortName: "Филиал ФГБУ «ФКП Росреестра» по Самарской области"},
	{Code: codeFNS, Name: "Управление Федеральной налоговой службы по Самарской области", ShortName: "УФНС России по Самарской области"},
	{Code: codeMVD, Name: "Главное управление Министерства внутренних дел Российской Федерации по Самарской области", ShortName: "ГУ МВД России по Самарской области"},
	{Code: codeUFMS, Name: "Управление Федеральной миграционной службы по Самарской области", ShortName: "УФМС России по Самарской области"},
	{Code: codePFR, Name: "Отделение Пенсионного фонда Российской Федерации по Самарской области", ShortName: "ОПФР по Самарской области"},
	{Code: codeFSS, Name: "Государственное учреждение — Самарское региональное отделение Фонда социального страхования Российской Федерации", ShortName: "Самарское РО ФСС РФ"},
	{Code: codeFSSP, Name: "Управление Федеральной службы судебных приставов по Самарской области", ShortName: "УФССП России по Самарской области"},
}

var regionalAuthorities = []charts.Authority{
	{Code: codeMinsoc, Name: "Министерство социально-демографической и семейной политики Самарской области", ShortName: "Минсоцдемографии Самарской области"},
	{Code: codeMio, Name: "Министерство имущественных отношений Самарской области", ShortName: "Минимущество Самарской области"},
	{Code: codeMinstroy, Name: "Министерство строительства Самарской области", ShortName: "Минстрой Самарской области"},
	{Code: codeMinzdrav, Name: "Министерство здравоохранения и социального развития Самарской области", ShortName: "Минздравсоцразвития Самарской области"},
	{Code: codeMinekonom, Name: "Министерство экономического развития, инвестиций и торговли Самарской области", ShortName: "Минэкономразвития Самарской области"},
	{Code: codeZags, Name: "Управление записи актов гражданского состояния Самарской области", ShortName: "Управление ЗАГС Самарской области"},
}

// municipality is one of the region's 10 urban districts or 27 municipal
// districts and its administration.
type municipality struct {
	code string
	// place is the name of the city or district as it follows "городской
	// округ" or "муниципальный район".
	place string
	urban bool
	// name overrides the administration's name where it is not
	// "Администрация ...", as in Tolyatti, whose administration is the
	// mayor's office.
	name string
	// weight is the relative number of municipal services it provides.
	weight int
}

var municipalities = []municipality{
	{code: codeSamara, place: "Самара", urban: true, weight: 130},
	{code: codeTolyatti, place: "Тольятти", urban: true, name: "Мэрия городского округа Тольятти", weight: 120},
	{code: "ADM-SYZRAN", place: "Сызрань", urban: true, weight: 80},
	{code: "ADM-NOVOKUIBYSHEVSK", place: "Новокуйбышевск", urban: true, weight: 70},
	{code: "ADM-CHAPAEVSK", place: "Чапаевск", urban: true, weight: 55},
	{code: "ADM-OTRADNY", place: "Отрадный", urban: true, weight: 55},
	{code: "ADM-ZHIGULEVSK", place: "Жигулёвск", urban: true, weight: 55},
	{code: "ADM-OKTYABRSK", place: "Октябрьск", urban: true, weight: 55},
	{code: "ADM-KINEL", place: "Кинель", urban: true, weight: 55},
	{code: "ADM-POKHVISTNEVO", place: "Похвистнево", urban: true, weight: 55},
	{code: "ADM-MR-ALEKSEEVSKY", place: "Алексеевский", weight: 48},
	{code: "ADM-MR-BEZENCHUKSKY", place: "Безенчукский", weight: 48},
	{code: "ADM-MR-BOGATOVSKY", place: "Богатовский", weight: 48},
	{code: "ADM-MR-BOLSHEGLUSHITSKY", place: "Большеглушицкий", weight: 48},
	{code: "ADM-MR-BOLSHECHERNIGOVSKY", place: "Большечерниговский", weight: 48},
	{code: "ADM-MR-BORSKY", place: "Борский", weight: 48},
	{code: "ADM-MR-VOLZHSKY", place: "Волжский", weight: 52},
	{code: "ADM-MR-ELKHOVSKY", place: "Елховский", weight: 48},
	{code: "ADM-MR-ISAKLINSKY", place: "Исаклинский", weight: 48},
	{code: "ADM-MR-KAMYSHLINSKY", place: "Камышлинский", weight: 46},
	{code: "ADM-MR-KINELSKY", place: "Кинельский", weight: 48},
	{code: "ADM-MR-KINEL-CHERKASSKY", place: "Кинель-Черкасский", weight: 48},
	{code: "ADM-MR-KLYAVLINSKY", place: "Клявлинский", weight: 46},
	{code: "ADM-MR-KOSHKINSKY", place: "Кошкинский", weight: 48},
	{code: "ADM-MR-KRASNOARMEYSKY", place: "Красноармейский", weight: 48},
	{code: "ADM-MR-KRASNOYARSKY", place: "Красноярский", weight: 50},
	{code: "ADM-MR-NEFTEGORSKY", place: "Нефтегорский", weight: 48},
	{code: "ADM-MR-PESTRAVSKY", place: "Пестравский", weight: 46},
	{code: "ADM-MR-POKHVISTNEVSKY", place: "Похвистневский", weight: 48},
	{code: "ADM-MR-PRIVOLZHSKY", place: "Приволжский", weight: 48},
	{code: "ADM-MR-SERGIEVSKY", place: "Сергиевский", weight: 48},
	{code: "ADM-MR-STAVROPOLSKY", place: "Ставропольский", weight: 50},
	{code: "ADM-MR-SYZRANSKY", place: "Сызранский", weight: 48},
	{code: "ADM-MR-KHVOROSTYANSKY", place: "Хворостянский", weight: 46},
	{code: "ADM-MR-CHELNO-VERSHINSKY", place: "Челно-Вершинский", weight: 46},
	{code: "ADM-MR-SHENTALINSKY", place: "Шенталинский", weight: 46},
	{code: "ADM-MR-SHIGONSKY", place: "Шигонский", weight: 46},
}

// municipalityName returns the official name of the municipality, such as
// "городской округ Самара" or "муниципальный район Алексеевский Самарской
// области".
func (m municipality) municipalityName() string {
	if m.urban {
		return "городской округ " + m.place
	}
	return "муниципальный район " + m.place + " Самарской области"
}

func (m municipality) authority() charts.Authority {
	name := m.name
	if name == "" {
		name = "Администрация " + genitiveMunicipality(m)
	}
	short := "Администрация г.о. " + m.place
	switch {
	case m.name != "":
		short = "Мэрия г.о. " + m.place
	case !m.urban:
		short = "Администрация м.р. " + m.place
	}
	return charts.Authority{
		Code:         m.code,
		Name:         name,
		ShortName:    short,
		Level:        charts.LevelMunicipal,
		Municipality: m.municipalityName(),
		Active:       true,
	}
}

// genitiveMunicipality returns the municipality's name in the genitive case,
// as it follows "Администрация".
func genitiveMunicipality(m municipality) string {
	if m.urban {
		return "городского округа " + m.place
	}
	return "муниципального района " + m.place + " Самарской области"
}

// authorityEntries returns every authority in the order federal, regional,
// municipal, numbered for service register codes: federal bodies from 1,
// regional ones from 101 and municipal administrations from 201.
func authorityEntries() []authorityEntry {
	var entries []authorityEntry
	for i, a := range federalAuthorities {
		a.Level = charts.LevelFederal
		a.Active = true
		entries = append(entries, authorityEntry{Authority: a, registerNumber: 1 + i})
	}
	for i, a := range regionalAuthorities {
		a.Level = charts.LevelRegional
		a.Active = true
		entries = append(entries, authorityEntry{Authority: a, registerNumber: 101 + i})
	}
	for i, m := range municipalities {
		entries = append(entries, authorityEntry{Authority: m.authority(), registerNumber: 201 + i})
	}
	return entries
}

func regionAuthorities() []charts.Authority {
	entries := authorityEntries()
	list := make([]charts.Authority, len(entries))
	for i, e := range entries {
		list[i] = e.Authority
	}
	return list
}
