package demo

import "pcii/charts"

// Codes of the data kinds. SMEV 2 services carry a SID, SMEV 3 data kinds a
// registry code with the version after "v" and an XML namespace.
const (
	kindEGRULv1     = "VS00051v001_FNS001"
	kindEGRULv2     = "VS00051v002_FNS001"
	kindEGRIPv1     = "VS00050v001_FNS001"
	kindEGRIPv2     = "VS00050v002_FNS001"
	kindFNSIncome   = "SID0003525"
	kindFNSDebt     = "SID0003530"
	kindFNSINN      = "VS00117v001_FNS001"
	kindEGRPObject  = "SID0003564"
	kindEGRPPerson  = "SID0003565"
	kindEGRPRefusal = "SID0003566"
	kindCadPassport = "SID0003944"
	kindCadExtract  = "SID0003946"
	kindCadPlan     = "SID0003947"
	kindResidence   = "SID0003452"
	kindStay        = "SID0003453"
	kindPassportMVD = "VS00112v001_MVD001"
	kindConviction  = "VS00124v001_MVD001"
	kindPensionV1   = "VS00648v001_PFR001"
	kindPensionV2   = "VS00648v002_PFR001"
	kindSNILS       = "SID0003420"
	kindMatCapital  = "SID0003430"
	kindFSSInsurer  = "SID0003610"
	kindEnforcement = "SID0003800"
	kindBirth       = "SID0003700"
	kindDeath       = "SID0003701"
	kindMarriage    = "SID0003702"
	kindRegionProp  = "SID0004101"
	kindBuildCheck  = "SID0004150"
	kindSocSupport  = "SID0004050"
	kindSamaraProp  = "SID0004210"
)

// Withdrawal dates of the data kind versions that are no longer served.
const (
	withdrawnEGRIPv1   = "2012-10-01"
	withdrawnPensionV1 = "2012-09-01"
)

var dataKinds = []charts.DataKind{
	{Code: kindEGRULv1, Name: "Предоставление сведений из ЕГРЮЛ", ProviderCode: codeFNS, Namespace: "urn://x-artefacts-fns-vipul-tosmv-ru/311-14/4.0.5", Version: "4.0.5"},
	{Code: kindEGRULv2, Name: "Предоставление сведений из ЕГРЮЛ", ProviderCode: codeFNS, Namespace: "urn://x-artefacts-fns-vipul-tosmv-ru/311-14/4.0.6", Version: "4.0.6"},
	{Code: kindEGRIPv1, Name: "Предоставление сведений из ЕГРИП", ProviderCode: codeFNS, Namespace: "urn://x-artefacts-fns-vipip-tosmv-ru/311-15/4.0.5", Version: "4.0.5", WithdrawnOn: withdrawnEGRIPv1},
	{Code: kindEGRIPv2, Name: "Предоставление сведений из ЕГРИП", ProviderCode: codeFNS, Namespace: "urn://x-artefacts-fns-vipip-tosmv-ru/311-15/4.0.6", Version: "4.0.6"},
	{Code: kindFNSIncome, Name: "Сведения о доходах физического лица по справкам 2-НДФЛ", ProviderCode: codeFNS},
	{Code: kindFNSDebt, Name: "Сведения об отсутствии задолженности по уплате налогов, сборов, пеней и штрафов", ProviderCode: codeFNS},
	{Code: kindFNSINN, Name: "Сведения об ИНН физического лица", ProviderCode: codeFNS, Namespace: "urn://x-artefacts-fns-inn-fl-tosmv-ru/311-13/4.0.3", Version: "4.0.3"},
	{Code: kindEGRPObject, Name: "Выписка из ЕГРП о правах на объект недвижимого имущества", ProviderCode: codeRosreestr},
	{Code: kindEGRPPerson, Name: "Выписка из ЕГРП о правах отдельного лица на имевшиеся (имеющиеся) у него объекты недвижимого имущества", ProviderCode: codeRosreestr},
	{Code: kindEGRPRefusal, Name: "Уведомление об отсутствии в ЕГРП запрашиваемых сведений", ProviderCode: codeRosreestr},
	{Code: kindCadPassport, Name: "Кадастровый паспорт объекта недвижимости", ProviderCode: codeFKP},
	{Code: kindCadExtract, Name: "Кадастровая выписка о земельном участке", ProviderCode: codeFKP},
	{Code: kindCadPlan, Name: "Кадастровый план территории", ProviderCode: codeFKP},
	{Code: kindResidence, Name: "Сведения о регистрации по месту жительства", ProviderCode: codeUFMS},
	{Code: kindStay, Name: "Сведения о регистрации по месту пребывания", ProviderCode: codeUFMS},
	{Code: kindPassportMVD, Name: "Сведения о действительности паспорта гражданина Российской Федерации", ProviderCode: codeMVD, Namespace: "urn://mvd/gismu/passport-validity/1.0.1", Version: "1.0.1"},
	{Code: kindConviction, Name: "Сведения о наличии (отсутствии) судимости и (или) факта уголовного преследования", ProviderCode: codeMVD, Namespace: "urn://mvd/gias/conviction-check/1.0.0", Version: "1.0.0"},
	{Code: kindPensionV1, Name: "Сведения о размере пенсии и иных социальных выплат", ProviderCode: codePFR, Namespace: "urn://x-artefacts-pfr-pension-amount/1.0.0", Version: "1.0.0", WithdrawnOn: withdrawnPensionV1},
	{Code: kindPensionV2, Name: "Сведения о размере пенсии и иных социальных выплат", ProviderCode: codePFR, Namespace: "urn://x-artefacts-pfr-pension-amount/1.0.1", Version: "1.0.1"},
	{Code: kindSNILS, Name: "Сведения о страховом номере индивидуального лицевого счёта (СНИЛС)", ProviderCode: codePFR},
	{Code: kindMatCapital, Name: "Сведения о выдаче государственного сертификата на материнский (семейный) капитал", ProviderCode: codePFR},
	{Code: kindFSSInsurer, Name: "Сведения о регистрации страхователя в территориальном органе ФСС РФ", ProviderCode: codeFSS},
	{Code: kindEnforcement, Name: "Сведения о возбуждённых исполнительных производствах", ProviderCode: codeFSSP},
	{Code: kindBirth, Name: "Сведения о государственной регистрации рождения", ProviderCode: codeZags},
	{Code: kindDeath, Name: "Сведения о государственной регистрации смерти", ProviderCode: codeZags},
	{Code: kindMarriage, Name: "Сведения о государственной регистрации заключения брака", ProviderCode: codeZags},
	{Code: kindRegionProp, Name: "Выписка из реестра имущества Самарской области", ProviderCode: codeMio},
	{Code: kindBuildCheck, Name: "Заключение о соответствии построенного объекта капитального строительства требованиям технических регламентов", ProviderCode: codeMinstroy},
	{Code: kindSocSupport, Name: "Сведения о получении мер социальной поддержки", ProviderCode: codeMinsoc},
	{Code: kindSamaraProp, Name: "Выписка из реестра муниципального имущества городского округа Самара", ProviderCode: codeSamara},
}

func regionDataKinds() []charts.DataKind {
	return append([]charts.DataKind(nil), dataKinds...)
}
