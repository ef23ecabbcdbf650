package form

import "fmt"

// Mark is how a table of a form marks work secrets (工作秘密). Secret is
// either true (the whole item) or a list of the item's field names, each
// optionally with an index for one cell of an array ("fiscal[0]"). Notice,
// when set, replaces the site's default notice for this item.
type Mark struct {
	Secret Secret `toml:"secret"`
	Notice string `toml:"notice"`
}

// Secret is the value of a secret key: all of an item, or some of its fields.
type Secret struct {
	All    bool
	Fields []string
}

// UnmarshalTOML accepts true, false, or an array of field names.
func (s *Secret) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case bool:
		*s = Secret{All: v}
		return nil
	case []any:
		*s = Secret{}
		for _, f := range v {
			name, ok := f.(string)
			if !ok {
				return fmt.Errorf("secret: expected true, false or a list of field names, found %s in the list", tomlTypeName(f))
			}
			s.Fields = append(s.Fields, name)
		}
		return nil
	}
	return fmt.Errorf("secret: expected true, false or a list of field names, found %s", tomlTypeName(v))
}

// Any reports whether anything is marked.
func (s Secret) Any() bool { return s.All || len(s.Fields) > 0 }
