package charts

// PassportBody is the content of one service passport revision.
type PassportBody struct {
	ServiceCode string `json:"service_code"`
	// RegistryNumber is the number in the federal or regional register of
	// services.
	RegistryNumber string `json:"registry_number,omitempty"`
	Name           string `json:"name"`
	ShortName      string `json:"short_name,omitempty"`
	// Level is "state" or "municipal".
	Level string `json:"level,omitempty"`
	// ProviderCode is the authority that provides the service.
	ProviderCode     string     `json:"provider_code,omitempty"`
	ParticipantCodes []string   `json:"participant_codes,omitempty"`
	LegalActs        []LegalAct `json:"legal_acts"`
	// ApplicantCategories holds "individuals", "legal_entities" and
	// "entrepreneurs".
	ApplicantCategories    []string `json:"applicant_categories,omitempty"`
	RepresentativesAllowed bool     `json:"representatives_allowed,omitempty"`
	// Channels holds "in_person", "mfc", "portal" and "post".
	Channels       []string           `json:"channels,omitempty"`
	Result         *ServiceResult     `json:"result,omitempty"`
	Term           *Term              `json:"term,omitempty"`
	RefusalGrounds []string           `json:"refusal_grounds,omitempty"`
	Fee            *Fee               `json:"fee,omitempty"`
	Documents      []PassportDocument `json:"documents"`
}

// LegalAct is a normative act that governs a service.
type LegalAct struct {
	Type   string `json:"type"`
	Number string `json:"number"`
	// Date is in the form 2006-01-02.
	Date   string `json:"date"`
	Issuer string `json:"issuer"`
	Title  string `json:"title,omitempty"`
}

// ServiceResult describes what the applicant receives.
type ServiceResult struct {
	Positive string `json:"positive"`
	Negative string `json:"negative"`
	Form     string `json:"form,omitempty"`
}

// Fee is the charge for a service; an empty Amount means free of charge.
type Fee struct {
	// Amount is in roubles, written as a decimal such as "350.00".
	Amount     string `json:"amount"`
	LegalBasis string `json:"legal_basis,omitempty"`
}

// Document sources.
const (
	SourceApplicant         = "applicant"
	SourceInterdepartmental = "interdepartmental"
)

// PassportDocument is one document the service needs.
type PassportDocument struct {
	Name string `json:"name"`
	// Source is SourceApplicant or SourceInterdepartmental.
	Source string `json:"source"`
	// DataKindCode links a document obtained through interaction to the
	// chart rows that request that data kind.
	DataKindCode string `json:"data_kind_code,omitempty"`
}

// InInteraction reports whether the passport lists a document obtained
// through interdepartmental interaction.
func (p PassportBody) InInteraction() bool {
	for _, d := range p.Documents {
		if d.Source == SourceInterdepartmental {
			return true
		}
	}
	return false
}
