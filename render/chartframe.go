package render

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"disclose/form/overall"
)

// This file turns charts into ECharts options: the options every chart
// shares, each kind's frame made once, and the series marshalled into it.

// commonOptions are the options of every chart: no animation (a record is
// drawn once, and prints as drawn), aria and decal patterns. Each chart
// adds its own description (chartFrame.option).
func commonOptions() []charts.GlobalOpts {
	return []charts.GlobalOpts{charts.WithAnimation(false), charts.WithAriaOpts(aria(""))}
}

// aria turns on ECharts' accessibility, with a chart's description, and
// its decal patterns.
func aria(summary string) *opts.Aria {
	return &opts.Aria{
		Enabled: opts.Bool(true),
		Label:   &opts.AriaLabel{Enabled: opts.Bool(true), Description: summary},
		Decal:   &opts.AriaDecal{Show: opts.Bool(true)},
	}
}

// A chartFrame is the option that go-echarts builds for a kind of chart,
// but for what differs from one chart of the kind to the next: the
// description (aria), the series and the axis's categories. A go-echarts
// chart costs more to make than all the rest of a chart (it fills its
// defaults by reflection) and a site draws four charts a department, so
// each kind's frame is made once (chartFrameOf), and a chart is its
// frame and its own parts, each marshalled once.
type chartFrame struct {
	members []optionMember // the option's other members
	// The axes, without their categories; nil for a chart without axes.
	xAxis []opts.XAxis
	yAxis []opts.YAxis
	// horizontal: the categories are on the y axis (go-echarts' XYReversal).
	horizontal bool
}

// optionMember is a member of an option: its key and its value as JSON.
type optionMember struct {
	key   string
	value json.RawMessage
}

// frameKey names a kind of chart by what its frame is made of.
type frameKey struct {
	kind string
	unit string // the value axis's name
	top  string // the grid's top
}

// chartFrames holds the frames made so far, by frameKey. They are few: a
// kind, a unit (万元 or 元) and, on an English site, a legend's height.
var chartFrames sync.Map

// chartFrameOf is the frame of key, made by build the first time.
func chartFrameOf(key frameKey, build func() *chartFrame) *chartFrame {
	if f, ok := chartFrames.Load(key); ok {
		return f.(*chartFrame)
	}
	f, _ := chartFrames.LoadOrStore(key, build())
	return f.(*chartFrame)
}

// newChartFrame validates a go-echarts chart that has neither series nor
// categories, and keeps its option as the frame of its kind.
func newChartFrame(c interface{ Validate() }, base *charts.BaseConfiguration, horizontal bool) *chartFrame {
	c.Validate()
	f := &chartFrame{horizontal: horizontal}
	for key, v := range base.JSON() {
		switch key {
		case "aria", "series":
			// each chart's own
		case "xAxis":
			f.xAxis = v.([]opts.XAxis)
		case "yAxis":
			f.yAxis = v.([]opts.YAxis)
		default:
			f.members = append(f.members, optionMember{key, marshalOption(v)})
		}
	}
	return f
}

// option is the option of a chart of the frame's kind: the frame with the
// chart's description, its series (with the categories' decals) and, on a
// chart with axes, its categories. Its members are in alphabetical order,
// as encoding/json writes a map's, which is how the options have always
// been published.
func (f *chartFrame) option(summary string, series []chartSeries, categories []string) json.RawMessage {
	addDecals(series)
	return f.optionOf(summary, marshalOption(series), categories)
}

// optionOf is option with the series given as JSON, for a kind of chart
// whose series chartSeries does not describe (a treemap).
func (f *chartFrame) optionOf(summary string, series json.RawMessage, categories []string) json.RawMessage {
	members := append(slices.Clip(f.members),
		optionMember{"aria", marshalOption(aria(summary))},
		optionMember{"series", series})
	if f.xAxis != nil {
		x, y := slices.Clone(f.xAxis), slices.Clone(f.yAxis)
		if f.horizontal {
			y[0].Data = categories
		} else {
			x[0].Data = categories
		}
		members = append(members, optionMember{"xAxis", marshalOption(x)}, optionMember{"yAxis", marshalOption(y)})
	}
	slices.SortFunc(members, func(a, b optionMember) int { return strings.Compare(a.key, b.key) })
	b := []byte{'{'}
	for i, m := range members {
		if i > 0 {
			b = append(b, ',')
		}
		// The keys are ECharts' names, which need no escaping.
		b = append(b, '"')
		b = append(b, m.key...)
		b = append(b, '"', ':')
		b = append(b, m.value...)
	}
	return append(b, '}')
}

func marshalOption(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		// The option holds only strings, numbers and go-echarts' own types.
		panic(fmt.Sprintf("generator: chart option: %v", err))
	}
	return b
}

// chartSeries is a series of an ECharts option. go-echarts' SingleSeries
// would do but for two things: its ItemStyle has no field for a decal
// pattern, and it writes its keys in another order. These types write
// them in alphabetical order, the order in which the charts have always
// been published, so that a page whose data did not change keeps its
// bytes.
type chartSeries struct {
	BarMaxWidth string      `json:"barMaxWidth,omitempty"`
	Center      []string    `json:"center,omitempty"`
	Data        []chartItem `json:"data"`
	ItemStyle   *itemStyle  `json:"itemStyle,omitempty"`
	Label       *itemLabel  `json:"label,omitempty"`
	Name        string      `json:"name,omitempty"`
	Radius      []string    `json:"radius,omitempty"`
	Type        string      `json:"type,omitempty"`
}

// chartItem is an item of a series' data.
type chartItem struct {
	ItemStyle *itemStyle   `json:"itemStyle,omitempty"`
	Label     *itemLabel   `json:"label,omitempty"`
	Name      string       `json:"name,omitempty"`
	Tooltip   *itemTooltip `json:"tooltip,omitempty"`
	Value     any          `json:"value,omitempty"` // a number, or "-" for none
	URL       string       `json:"url,omitempty"`   // the page a click on it opens
}

type itemStyle struct {
	BorderColor string  `json:"borderColor,omitempty"`
	BorderWidth float32 `json:"borderWidth,omitempty"`
	Color       string  `json:"color,omitempty"`
	Decal       *decal  `json:"decal,omitempty"`
}

// itemLabel is the label of a series or of an item. Its Formatter is an
// ECharts template: it is made of fixed words and digits only, never of a
// data file's text.
type itemLabel struct {
	Formatter string `json:"formatter,omitempty"`
	Position  string `json:"position,omitempty"`
	Show      bool   `json:"show,omitempty"`
}

// itemTooltip is an item's tooltip; its Formatter is a template, as a
// label's is.
type itemTooltip struct {
	Formatter string `json:"formatter,omitempty"`
}

// addDecals gives each category its own decal pattern, which go-echarts
// has no field for: a series by its name, a pie's or a bar's items by
// theirs. Names are compared with the fixed category labels only.
func addDecals(series []chartSeries) {
	for i := range series {
		s := &series[i]
		if key, ok := categoryOf(s.Name); ok {
			s.ItemStyle = withDecal(s.ItemStyle, key)
		}
		for j := range s.Data {
			item := &s.Data[j]
			if key, ok := categoryOf(item.Name); ok {
				item.ItemStyle = withDecal(item.ItemStyle, key)
			}
		}
	}
}

// withDecal is style with the decal of category key.
func withDecal(style *itemStyle, key string) *itemStyle {
	if style == nil {
		style = &itemStyle{}
	}
	d := categories[key].decal
	style.Decal = &d
	return style
}

// categoryOf finds the category of a label such as 财政拨款, or of its
// English site's form, 财政拨款 (fiscal appropriation).
func categoryOf(v any) (string, bool) {
	label, _ := v.(string)
	key, ok := categoryLabels[label]
	return key, ok
}

// categoryLabels are the categories by their labels in either language.
var categoryLabels = func() map[string]string {
	english := Labels{english: true}
	labels := map[string]string{}
	for _, rows := range [][]overall.FundsRow{(&overall.Income{}).Rows(), (&overall.Expenditure{}).Rows()} {
		for _, r := range rows {
			if !r.Total {
				labels[r.Label] = r.Key
				labels[english.Term(r.Label)] = r.Key
			}
		}
	}
	return labels
}()

// Drawn reports whether any chart of the page is drawn, so that the page
// loads the chart scripts.
func (p *Page) Drawn() bool {
	return slices.ContainsFunc(p.Charts, func(c Chart) bool { return c.Option != nil })
}
