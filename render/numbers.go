package render

import (
	"strconv"

	"disclose/form"
)

// Every number the site works out or converts — a sum, a change, an amount
// in 元 put in 万元, a chart's value — is printed one way: two decimals,
// a comma between each three digits, the unit named by its column or its
// sentence. The form's own cells are printed as the form prints them.

// amountPlaces is the number of decimals of every amount the site works out.
const amountPlaces = 2

// amountText prints an amount the site worked out: 33,393.92; "" for an
// empty cell.
func amountText(m form.Money) string {
	if !m.Set() {
		return ""
	}
	return m.Grouped(amountPlaces)
}

// signedAmount prints a change with its sign: +1,204.50, -3.00, 0.00.
func signedAmount(m form.Money) string {
	s := amountText(m)
	if m.Cmp(form.Money{}) > 0 && s != "0.00" {
		return "+" + s
	}
	return s
}

// chartValue is the number a chart draws for an amount: its exact decimal
// to two places, read as a float only here. A chart's option never holds a
// longer number than it prints.
func chartValue(m form.Money) float64 {
	f, err := strconv.ParseFloat(m.Fixed(amountPlaces), 64)
	if err != nil {
		panic("render: chart value " + m.Fixed(amountPlaces) + ": " + err.Error())
	}
	return f
}
