package routing

import (
	"context"
	"fmt"
	"log/slog"
	"time"
)

// Poll calls Pull at once and then interval after the end of each call,
// until ctx is done, and then returns ctx's error. It passes every result to
// report, or logs it with slog.Default when report is nil. A failed pull is
// reported and retried at the next interval, and the files stay as they were.
func Poll(ctx context.Context, opts PullOptions, interval time.Duration, report func(PullResult, error)) error {
	if interval <= 0 {
		return fmt.Errorf("poll routing releases: interval is %s, expected a positive duration", interval)
	}
	if report == nil {
		report = logPullResult(slog.Default(), opts.URL)
	}

	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-timer.C:
		}

		res, err := Pull(ctx, opts)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		report(res, err)
		timer.Reset(interval)
	}
}

// logPullResult returns a Poll report function that logs updates and
// key set changes at level Info, failures at level Error and unchanged
// releases at level Debug.
func logPullResult(logger *slog.Logger, url string) func(PullResult, error) {
	return func(res PullResult, err error) {
		switch {
		case err != nil:
			logger.Error("routing pull failed", "url", url, "error", err)
		case res.Updated || res.KeysUpdated:
			logger.Info("routing release or key set updated", "url", url, "serial", res.Serial, "previous_serial", res.PreviousSerial,
				"sha256", res.SHA256, "intermediate", res.Intermediate, "keys_updated", res.KeysUpdated)
		default:
			logger.Debug("routing release unchanged", "url", url, "serial", res.Serial, "pointer_expires_at", res.Pointer.ExpiresAt)
		}
	}
}
