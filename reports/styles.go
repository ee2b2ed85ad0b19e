package reports

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// Number formats. 9 is Excel's built-in "0%".
const (
	percentFormat  = 9
	dateFormat     = "dd.mm.yyyy"
	dateTimeFormat = "dd.mm.yyyy hh:mm"
)

// styleSet holds the style ids of one workbook.
type styleSet struct {
	title, subtitle   int
	label             int
	header            int
	text, wrap        int
	number, percent   int
	date, dateTime    int
	totalText         int
	totalNumber       int
	totalPercent      int
	problem, problemH int
}

func newStyleSet(f *excelize.File) (styleSet, error) {
	var s styleSet
	border := []excelize.Border{
		{Type: "left", Color: "A6A6A6", Style: 1},
		{Type: "top", Color: "A6A6A6", Style: 1},
		{Type: "right", Color: "A6A6A6", Style: 1},
		{Type: "bottom", Color: "A6A6A6", Style: 1},
	}

	top := &excelize.Alignment{Vertical: "top"}
	wrapTop := &excelize.Alignment{Vertical: "top", WrapText: true}
	bold := &excelize.Font{Bold: true}
	date, dateTime := dateFormat, dateTimeFormat
	specs := []struct {
		id    *int
		style excelize.Style
	}{
		{&s.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}},
		{&s.subtitle, excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&s.label, excelize.Style{Font: bold, Alignment: top}},
		{&s.header, excelize.Style{
			Font:      bold,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
			Border:    border,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		}},
		{&s.text, excelize.Style{Border: border, Alignment: top}},
		{&s.wrap, excelize.Style{Border: border, Alignment: wrapTop}},
		{&s.number, excelize.Style{Border: border, Alignment: top, NumFmt: 1}},
		{&s.percent, excelize.Style{Border: border, Alignment: top, NumFmt: percentFormat}},
		{&s.date, excelize.Style{Border: border, Alignment: top, CustomNumFmt: &date}},
		{&s.dateTime, excelize.Style{Border: border, Alignment: top, CustomNumFmt: &dateTime}},
		{&s.totalText, excelize.Style{Border: border, Font: bold, Alignment: top}},
		{&s.totalNumber, excelize.Style{Border: border, Font: bold, Alignment: top, NumFmt: 1}},
		{&s.totalPercent, excelize.Style{Border: border, Font: bold, Alignment: top, NumFmt: percentFormat}},
		{&s.problem, excelize.Style{
			Font:      &excelize.Font{Color: "9C0006"},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFC7CE"}},
			Alignment: wrapTop,
		}},
		{&s.problemH, excelize.Style{
			Font: &excelize.Font{Bold: true, Color: "9C0006"},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFC7CE"}},
		}},
	}

	for _, spec := range specs {
		id, err := f.NewStyle(&spec.style)
		if err != nil {
			return styleSet{}, fmt.Errorf("create cell style: %w", err)
		}
		*spec.id = id
	}

	return s, nil
}
