package demo

// User roles.
const (
	RoleSpecialist = "specialist"
	RoleCommission = "commission"
	RoleSecretary  = "secretary"
	RoleOfficial   = "official"
	RoleAdmin      = "admin"
	RoleExchange   = "exchange"
)

// regionUsers returns the demo accounts. Specialists of providers agree the
// rows of their authority; commission members approve charts; the secretary
// and the official belong to the ministry that runs the commission.
func regionUsers() []User {
	return []User{
		{Login: "specialist", FullName: "Кузнецова Марина Викторовна", Role: RoleSpecialist, AuthorityCode: codeMinsoc},
		{Login: "specialist-samara", FullName: "Андреев Дмитрий Сергеевич", Role: RoleSpecialist, AuthorityCode: codeSamara},
		{Login: "specialist-tolyatti", FullName: "Горбунова Елена Павловна", Role: RoleSpecialist, AuthorityCode: codeTolyatti},
		{Login: "fns", FullName: "Петрова Ирина Александровна", Role: RoleSpecialist, AuthorityCode: codeFNS},
		{Login: "rosreestr", FullName: "Соколов Алексей Игоревич", Role: RoleSpecialist, AuthorityCode: codeRosreestr},
		{Login: "pfr", FullName: "Михайлова Татьяна Юрьевна", Role: RoleSpecialist, AuthorityCode: codePFR},
		{Login: "commission1", FullName: "Волков Сергей Николаевич", Role: RoleCommission},
		{Login: "commission2", FullName: "Лебедева Наталья Владимировна", Role: RoleCommission},
		{Login: "commission3", FullName: "Никитин Андрей Валерьевич", Role: RoleCommission},
		{Login: "secretary", FullName: "Федорова Ольга Геннадьевна", Role: RoleSecretary, AuthorityCode: codeMinekonom},
		{Login: "official", FullName: "Захаров Виктор Петрович", Role: RoleOfficial, AuthorityCode: codeMinekonom},
		{Login: "admin", FullName: "Смирнов Павел Олегович", Role: RoleAdmin},
		{Login: "exchange", FullName: "Шлюз СМЭВ Самарской области", Role: RoleExchange},
	}
}
