package xlsx

import (
	"errors"
	"math"
	"strconv"
	"time"
)

// A date in a workbook is a number, the serial date: days since the start
// of the workbook's date system, the fraction being the time of day, shown
// as a date by a date format (Format.IsDate). In the 1900 system, Excel's
// and WPS's default, 1 is 1900-01-01; Excel counts 1900-02-29, a day that
// did not exist (serial 60, kept from Lotus 1-2-3 for its files), so from
// 61 = 1900-03-01 on a serial is days since 1899-12-30. In the 1904 system
// (Workbook.Date1904, from old Mac Excel), 0 is 1904-01-01.

// lastSerial is 9999-12-31 in the 1900 system, Excel's last date.
const lastSerial = 2958465

var (
	epoch1900     = time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC) // serial 0, "1900-01-00"
	epoch1900Leap = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC) // from serial 61
	epoch1904     = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
)

// SerialTime returns the time a serial date stands for, in UTC (a
// workbook's times have no zone), to the millisecond. A serial below 1 is a
// time of day alone (on 1899-12-31, or 1904-01-01). It fails for a
// negative serial, for 60 in the 1900 system, and past 9999-12-31.
func SerialTime(serial float64, date1904 bool) (time.Time, error) {
	if math.IsNaN(serial) || serial < 0 || serial >= lastSerial+1 {
		return time.Time{}, errors.New("serial date " + strconv.FormatFloat(serial, 'g', -1, 64) + " is not between 1900 and 9999")
	}
	days := math.Floor(serial)
	ms := math.Round((serial - days) * 24 * 60 * 60 * 1000)
	var base time.Time
	switch {
	case date1904:
		base = epoch1904
	case days < 60:
		base = epoch1900
	case days == 60:
		return time.Time{}, errors.New("serial date 60 is 1900-02-29, a day that did not exist")
	default:
		base = epoch1900Leap
	}
	t := base.AddDate(0, 0, int(days)).Add(time.Duration(ms) * time.Millisecond)
	if t.Year() > 9999 {
		return time.Time{}, errors.New("serial date " + strconv.FormatFloat(serial, 'g', -1, 64) + " is after 9999-12-31")
	}
	return t, nil
}

// Time returns the time a number cell holds as a serial date, in the
// workbook's date system: for a cell whose Format.IsDate, the date shown.
func (wb *Workbook) Time(c Cell) (time.Time, error) {
	if c.Kind != KindNumber {
		return time.Time{}, errors.New("not a number: a " + c.Kind.String() + " cell")
	}
	f, err := parseNumber(c.Number)
	if err != nil {
		return time.Time{}, err
	}
	return SerialTime(f, wb.Date1904)
}

// showTime writes a date cell's text: 2026-01-19, 15:04:05, or both,
// whatever the format's own pattern (a date format's look is also the
// reader's locale: built-in format 14 is 1/19/26 in America and 2026/1/19
// in China), to the second.
func showTime(t time.Time, date, clock bool) string {
	t = t.Round(time.Second)
	switch {
	case date && clock:
		return t.Format("2006-01-02 15:04:05")
	case clock:
		return t.Format("15:04:05")
	}
	return t.Format("2006-01-02")
}
