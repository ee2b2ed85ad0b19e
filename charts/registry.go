package charts

// Authority levels.
const (
	LevelFederal   = "federal"
	LevelRegional  = "regional"
	LevelMunicipal = "municipal"
)

// Service levels.
const (
	ServiceState     = "state"
	ServiceMunicipal = "municipal"
)

// Authority is a federal, regional or municipal body that provides services
// or data.
type Authority struct {
	Code      string `db:"code" json:"code"`
	Name      string `db:"name" json:"name"`
	ShortName string `db:"short_name" json:"short_name"`
	// Level is LevelFederal, LevelRegional or LevelMunicipal.
	Level string `db:"level" json:"level"`
	// Municipality names the municipal district or urban district of a
	// municipal authority.
	Municipality string `db:"municipality" json:"municipality,omitempty"`
	Active       bool   `db:"active" json:"active"`
}

// Service is one entry of the register of state and municipal services.
type Service struct {
	// Code is the registry number.
	Code string `db:"code" json:"code"`
	Name string `db:"name" json:"name"`
	// Level is ServiceState or ServiceMunicipal.
	Level         string `db:"level" json:"level"`
	AuthorityCode string `db:"authority_code" json:"authority_code"`
}

// DataKind is an electronic service or data kind that a provider publishes
// on the exchange.
type DataKind struct {
	// Code is a SMEV 2 SID or a SMEV 3 registry code.
	Code         string `db:"code" json:"code"`
	Name         string `db:"name" json:"name"`
	ProviderCode string `db:"provider_code" json:"provider_code"`
	// Namespace is the XML namespace of a SMEV 3 request's root element.
	Namespace string `db:"namespace" json:"namespace,omitempty"`
	Version   string `db:"version" json:"version,omitempty"`
	// WithdrawnOn is the date (2006-01-02) from which the version is no
	// longer served, or empty.
	WithdrawnOn string `db:"withdrawn_on" json:"withdrawn_on,omitempty"`
}
