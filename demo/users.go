package demo

import "pcii/policies"

// regionUsers returns the demo accounts. Specialists of providers agree the
// rows of their authority, and commission members approve charts. The
// secretary and the official belong to the ministry that runs the commission.
func regionUsers() []User {
	return []User{
		{Login: "specialist", FullName: "Кузнецова Марина Викторовна", Role: policies.RoleSpecialist, AuthorityCode: codeMinsoc},
		{Login: "specialist-samara", FullName: "Андреев Дмитрий Сергеевич", Role: policies.RoleSpecialist, AuthorityCode: codeSamara},
		{Login: "specialist-tolyatti", FullName: "Горбунова Елена Павловна", Role: policies.RoleSpecialist, AuthorityCode: codeTolyatti},
		{Login: "fns", FullName: "Петрова Ирина Александровна", Role: policies.RoleSpecialist, AuthorityCode: codeFNS},
		{Login: "rosreestr", FullName: "Соколов Алексей Игоревич", Role: policies.RoleSpecialist, AuthorityCode: codeRosreestr},
		{Login: "pfr", FullName: "Михайлова Татьяна Юрьевна", Role: policies.RoleSpecialist, AuthorityCode: codePFR},
		{Login: "commission1", FullName: "Волков Сергей Николаевич", Role: policies.RoleCommission},
		{Login: "commission2", FullName: "Лебедева Наталья Владимировна", Role: policies.RoleCommission},
		{Login: "commission3", FullName: "Никитин Андрей Валерьевич", Role: policies.RoleCommission},
		{Login: "secretary", FullName: "Федорова Ольга Геннадьевна", Role: policies.RoleSecretary, AuthorityCode: codeMinekonom},
		{Login: "official", FullName: "Захаров Виктор Петрович", Role: policies.RoleOfficial, AuthorityCode: codeMinekonom},
		{Login: "admin", FullName: "Смирнов Павел Олегович", Role: policies.RoleAdmin},
		{Login: "exchange", FullName: "Шлюз СМЭВ Самарской области", Role: policies.RoleExchange},
	}
}
