package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
	"github.com/sergi/go-diff/diffmatchpatch"

	"pcii/charts"
	"pcii/storage"
)

// fieldLabels name the JSON fields of chart and passport bodies in Russian.
var fieldLabels = map[string]string{
	"service_code": "код услуги", "legal_basis": "правовое основание", "interactions": "строка взаимодействия",
	"requested_document": "запрашиваемый документ", "data_composition": "состав сведений",
	"requester_code": "запрашивающий орган", "provider_code": "орган-поставщик", "data_kind_code": "вид сведений",
	"deadline_days": "срок ответа, рабочих дней", "deadline_basis": "основание срока", "deadline": "срок",
	"total": "общий срок", "send": "направление запроса", "answer": "подготовка ответа",
	"attach": "приобщение ответа", "value": "значение", "unit": "единица",
	"information_resource": "информационный ресурс", "request_form": "форма запроса",
	"request_sample": "образец заполнения", "amendments": "изменение акта", "act": "акт", "change": "изменение",
	"due": "срок", "registry_number": "реестровый номер", "name": "наименование", "short_name": "краткое наименование",
	"level": "уровень", "participant_codes": "участвующие органы", "legal_acts": "нормативный акт",
	"type": "вид", "number": "номер", "date": "дата", "issuer": "принявший орган", "title": "название",
	"applicant_categories": "категории заявителей", "representatives_allowed": "обращение представителей",
	"channels": "способы подачи", "result": "результат", "positive": "положительный", "negative": "отрицательный",
	"form": "форма", "term": "срок предоставления", "refusal_grounds": "основания для отказа", "fee": "плата",
	"amount": "размер, руб.", "documents": "документ", "source": "источник",
}

var indexPattern = regexp.MustCompile(`^([a-z_]+)\[(\d+)\]$`)

// pathLabel turns a change path such as "interactions[2].deadline_days"
// into "строка взаимодействия 3 › срок ответа, рабочих дней".
func pathLabel(path string) string {
	parts := strings.Split(path, ".")
	out := make([]string, 0, len(parts))
	for _, p := range parts {
		if m := indexPattern.FindStringSubmatch(p); m != nil {
			n, _ := strconv.Atoi(m[2])
			out = append(out, label(m[1])+" "+strconv.Itoa(n+1))
			continue
		}
		out = append(out, label(p))
	}
	return strings.Join(out, " › ")
}

func label(field string) string {
	if l, ok := fieldLabels[field]; ok {
		return l
	}
	return field
}

// fieldValue is one named value of an added or removed object.
type fieldValue struct {
	Label string
	Text  string
}

// segment is a run of words that is equal, deleted or inserted.
type segment struct {
	Text string
	// Op is "equal", "delete" or "insert".
	Op string
}

// changeView is one change of the diff page.
type changeView struct {
	Path  string
	Label string
	Op    string
	// From and To are the plain values of a scalar change.
	From, To string
	// FromFields and ToFields list the fields of an added or removed row.
	FromFields, ToFields []fieldValue
	// Old and New are the word-by-word sides of a long text change.
	Old, New []segment
}

type diffView struct {
	Path     string
	From, To int
	Max      int
	Changes  []changeView
	Numbers  []int
	BackLink string
}

// diffPage shows the field-level differences between two revisions.
func (s *Server) diffPage(kind charts.Kind) handler {
	return func(c *gin.Context) error {
		id, err := pathID(c, "id")
		if err != nil {
			return err
		}
		d, err := s.flow.Document(ctx(c), actor(c), kind, id)
		if err != nil {
			return err
		}
		from, err := queryInt(c, "from", max(d.Revision-1, 1))
		if err != nil {
			return err
		}
		to, err := queryInt(c, "to", d.Revision)
		if err != nil {
			return err
		}
		if from < 1 || to < 1 || from > d.Revision || to > d.Revision {
			return &httpError{status: http.StatusNotFound, code: "not_found",
				message: fmt.Sprintf("%s %d has revisions 1 to %d, not %d and %d", kind, id, d.Revision, from, to)}
		}
		changes, err := s.flow.Diff(ctx(c), actor(c), kind, id, from, to)
		if err != nil {
			return err
		}
		reg, err := s.registry(c)
		if err != nil {
			return err
		}
		v := diffView{Path: fmt.Sprintf("/%ss/%d", kind, id), From: from, To: to, Max: d.Revision,
			Changes: changeViews(changes, reg)}
		for n := 1; n <= d.Revision; n++ {
			v.Numbers = append(v.Numbers, n)
		}
		title := fmt.Sprintf("Различия редакций %d и %d: %s", from, to, d.Service.Name)
		s.render(c, http.StatusOK, "diff", title, v)
		return nil
	}
}

func (s *Server) registry(c *gin.Context) (*charts.Registry, error) {
	var reg *charts.Registry
	err := s.store.Read(ctx(c), func(tx *storage.Tx) error {
		var err error
		reg, err = tx.Registry(ctx(c))
		return err
	})
	return reg, err
}

// changeViews renders changes for the page, naming the authorities and
// data kinds behind codes and splitting long texts into word diffs.
func changeViews(changes []charts.Change, reg *charts.Registry) []changeView {
	out := make([]changeView, 0, len(changes))
	for _, ch := range changes {
		last := ch.Path
		if i := strings.LastIndex(last, "."); i >= 0 {
			last = last[i+1:]
		}
		v := changeView{Path: ch.Path, Label: pathLabel(ch.Path), Op: ch.Op}
		fromObj, fromIsObj := ch.From.(map[string]any)
		toObj, toIsObj := ch.To.(map[string]any)
		switch {
		case fromIsObj || toIsObj:
			v.FromFields = objectFields(fromObj, reg)
			v.ToFields = objectFields(toObj, reg)
		default:
			v.From = valueText(last, ch.From, reg)
			v.To = valueText(last, ch.To, reg)
			if isLongText(v.From) || isLongText(v.To) {
				v.Old, v.New = wordDiff(v.From, v.To)
			}
		}
		out = append(out, v)
	}
	return out
}

// isLongText reports whether a value reads better as a word diff than as
// two whole values.
func isLongText(s string) bool {
	return utf8.RuneCountInString(s) > 60 || strings.Contains(s, "\n")
}

func objectFields(m map[string]any, reg *charts.Registry) []fieldValue {
	if m == nil {
		return nil
	}
	var out []fieldValue
	var walk func(prefix string, m map[string]any)
	walk = func(prefix string, m map[string]any) {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			name := label(k)
			if prefix != "" {
				name = prefix + " › " + name
			}
			if sub, ok := m[k].(map[string]any); ok {
				walk(name, sub)
				continue
			}
			out = append(out, fieldValue{Label: name, Text: valueText(k, m[k], reg)})
		}
	}
	walk("", m)
	return out
}

// valueText renders a decoded JSON value; codes of authorities and data
// kinds get their names.
func valueText(field string, v any, reg *charts.Registry) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		switch {
		case strings.HasSuffix(field, "provider_code") || strings.HasSuffix(field, "requester_code"):
			if a, ok := reg.Authorities[x]; ok {
				return a.Name + " (" + x + ")"
			}
		case field == "data_kind_code":
			if k, ok := reg.DataKinds[x]; ok {
				return k.Name + " (" + x + ")"
			}
		case field == "unit":
			return unitLabel(x)
		case field == "source":
			return sourceLabel(x)
		}
		return x
	case bool:
		if x {
			return "да"
		}
		return "нет"
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = valueText(field, e, reg)
		}
		return strings.Join(parts, "; ")
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// wordDiff compares two texts word by word and returns the old side with
// deletions and the new side with insertions. Each word (with the spaces
// after it) is mapped to one rune so that diffmatchpatch works on words.
func wordDiff(from, to string) (old, new []segment) {
	var words []string
	index := map[string]rune{}
	encode := func(text string) []rune {
		var out []rune
		for _, w := range splitWords(text) {
			r, ok := index[w]
			if !ok {
				r = wordRune(len(words))
				index[w] = r
				words = append(words, w)
			}
			out = append(out, r)
		}
		return out
	}
	a, b := encode(from), encode(to)
	dmp := diffmatchpatch.New()
	diffs := dmp.DiffMainRunes(a, b, false)
	decode := func(text string) string {
		var sb strings.Builder
		for _, r := range text {
			sb.WriteString(words[runeWord(r)])
		}
		return sb.String()
	}
	for _, d := range diffs {
		text := decode(d.Text)
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			old = append(old, segment{Text: text, Op: "equal"})
			new = append(new, segment{Text: text, Op: "equal"})
		case diffmatchpatch.DiffDelete:
			old = append(old, segment{Text: text, Op: "delete"})
		case diffmatchpatch.DiffInsert:
			new = append(new, segment{Text: text, Op: "insert"})
		}
	}
	return old, new
}

// splitWords cuts text into words, each with the spaces that follow it.
func splitWords(text string) []string {
	var out []string
	start := 0
	inSpace := false
	for i, r := range text {
		space := unicode.IsSpace(r)
		if !space && inSpace {
			out = append(out, text[start:i])
			start = i
		}
		inSpace = space
	}
	if start < len(text) {
		out = append(out, text[start:])
	}
	return out
}

// wordRune maps a word index to a rune, skipping the surrogate range that
// is not valid in Go strings.
func wordRune(i int) rune {
	r := rune(i + 1)
	if r >= 0xD800 {
		r += 0x800
	}
	return r
}

func runeWord(r rune) int {
	if r >= 0xD800+0x800 {
		r -= 0x800
	}
	return int(r) - 1
}
