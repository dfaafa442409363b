import { describe, expect, it } from 'vitest';
import { applicantScreenUrl, chooseApplicantDisplay, type DisplayInfo } from './applicant-display.ts';

const display = (id: number, extra: Partial<DisplayInfo> = {}): DisplayInfo => ({
  id,
  bounds: { x: id * 1920, y: 0, width: 1920, height: 1080 },
  touchSupport: 'unknown',
  internal: false,
  ...extra,
});

describe("the applicant's display", () => {
  it('is never the primary, and none when only the primary is connected', () => {
    expect(chooseApplicantDisplay([display(1)], 1)).toBeNull();
    expect(chooseApplicantDisplay([], 1)).toBeNull();
    expect(chooseApplicantDisplay([display(1), display(2)], 1)?.id).toBe(2);
    expect(chooseApplicantDisplay([display(2), display(1)], 1)?.id).toBe(2);
  });

  it('prefers a touch screen, then an external one over a laptop panel', () => {
    const laptop = display(2, { internal: true });
    const monitor = display(3);
    const touch = display(4, { touchSupport: 'available' });
    expect(chooseApplicantDisplay([display(1), laptop, monitor], 1)?.id).toBe(3);
    expect(chooseApplicantDisplay([display(1), laptop, monitor, touch], 1)?.id).toBe(4);
  });

  it('opens the page with a six-digit code only', () => {
    expect(applicantScreenUrl('app://tongban', '012345')).toBe('app://tongban/applicant.html#code=012345');
    expect(applicantScreenUrl('app://tongban', '12345')).toBeNull();
    expect(applicantScreenUrl('app://tongban', '123456#x')).toBeNull();
  });
});
