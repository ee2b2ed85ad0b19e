package demo

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"pcii/charts"
	"pcii/workflow"
)

// loadCharts drives every chart plan through the real workflow. Charts that
// end published go into release 1; amendments that end superseded are
// approved after it and go into release 2; charts that end approved are
// approved last, so no release carries them.
func (l *loader) loadCharts(ctx context.Context) error {
	ids := make([]int64, len(l.data.Charts))
	for i, p := range l.data.Charts {
		id, err := l.draft(ctx, p)
		if err != nil {
			return err
		}
		ids[i] = id
		if err := l.advanceFirst(ctx, p, id); err != nil {
			return fmt.Errorf("chart of %s: %w", p.Body.ServiceCode, err)
		}
	}
	secretary := l.actors["secretary"]
	if _, err := l.flow.Publish(ctx, secretary, false); err != nil {
		return fmt.Errorf("publish release 1: %w", err)
	}
	for i, p := range l.data.Charts {
		if !p.Stage.NeedsAmendment() {
			continue
		}
		if err := l.amend(ctx, p, ids[i]); err != nil {
			return fmt.Errorf("amend chart of %s: %w", p.Body.ServiceCode, err)
		}
	}
	l.clock.advance(24 * time.Hour)
	if _, err := l.flow.Publish(ctx, secretary, false); err != nil {
		return fmt.Errorf("publish release 2: %w", err)
	}
	for i, p := range l.data.Charts {
		if p.Stage == StageApproved {
			if err := l.approve(ctx, ids[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

func (l *loader) draft(ctx context.Context, p ChartPlan) (int64, error) {
	l.clock.advance(11 * time.Minute)
	body, err := json.Marshal(p.Body)
	if err != nil {
		return 0, err
	}
	author := l.specialist(l.serviceAuthority(p.Body.ServiceCode))
	doc, err := l.flow.SaveChart(ctx, author, workflow.Save{Body: body, Note: p.Note})
	if err != nil {
		return 0, fmt.Errorf("save chart of %s: %w", p.Body.ServiceCode, err)
	}
	return doc.ID, nil
}

// advanceFirst takes a chart from draft to where its plan stands before
// any release, leaving StageApproved charts in review.
func (l *loader) advanceFirst(ctx context.Context, p ChartPlan, id int64) error {
	if p.Stage == StageDraft {
		return nil
	}
	drafter := l.serviceAuthority(p.Body.ServiceCode)
	if err := l.act(ctx, l.specialist(drafter), charts.KindChart, id, workflow.ActionSubmit, ""); err != nil {
		return err
	}
	providers := charts.Providers(p.Body, drafter)
	switch p.Stage {
	case StageObjected:
		return l.act(ctx, l.specialist(providers[0]), charts.KindChart, id, workflow.ActionObject, p.Remark)
	case StageAgreement:
		return l.act(ctx, l.specialist(providers[0]), charts.KindChart, id, workflow.ActionAgree, p.Remark)
	}
	for i, provider := range providers {
		remark := ""
		if i == 0 {
			remark = p.Remark
		}
		if p.Stage == StageReturned {
			remark = ""
		}
		if err := l.act(ctx, l.specialist(provider), charts.KindChart, id, workflow.ActionAgree, remark); err != nil {
			return err
		}
	}
	switch p.Stage {
	case StageReturned:
		return l.act(ctx, l.actors["commission2"], charts.KindChart, id, workflow.ActionReturn, p.Remark)
	case StagePublished, StageAmending, StageSuperseded:
		return l.approve(ctx, id)
	}
	return nil
}

func (l *loader) approve(ctx context.Context, id int64) error {
	for _, member := range []string{"commission1", "commission2"} {
		if err := l.act(ctx, l.actors[member], charts.KindChart, id, workflow.ActionApprove, ""); err != nil {
			return err
		}
	}
	return nil
}

// amend saves revision 2; a superseding amendment is also agreed by the
// providers whose rows changed and approved.
func (l *loader) amend(ctx context.Context, p ChartPlan, id int64) error {
	l.clock.advance(3 * time.Hour)
	drafter := l.serviceAuthority(p.Body.ServiceCode)
	author := l.specialist(drafter)
	body, err := json.Marshal(p.Amendment)
	if err != nil {
		return err
	}
	_, err = l.flow.SaveChart(ctx, author, workflow.Save{ID: id, BaseRevision: 1, Body: body,
		Note: "Изменения по итогам обновления вида сведений"})
	if err != nil {
		return err
	}
	if p.Stage != StageSuperseded {
		return nil
	}
	if err := l.act(ctx, author, charts.KindChart, id, workflow.ActionSubmit, ""); err != nil {
		return err
	}
	changed := charts.ChangedProviders(p.Body, *p.Amendment)
	for _, provider := range charts.Providers(*p.Amendment, drafter) {
		if changed[provider] {
			if err := l.act(ctx, l.specialist(provider), charts.KindChart, id, workflow.ActionAgree, ""); err != nil {
				return err
			}
		}
	}
	return l.approve(ctx, id)
}
