import { projectPath } from '../../config/paths';
import { loadPlanFile } from '../../plans/plan-file.schema';
import { certificationMilestone } from './milestone';

describe('certificationMilestone', () => {
  it("finds each county's 创建 year in 银川's schedule by its lead department's region", async () => {
    const plan = await loadPlanFile(projectPath('config', 'plans', 'yinchuan-2021.yaml'));
    expect(certificationMilestone(plan, '640104')).toEqual({
      ref: '一.——2026年兴庆区',
      title: '兴庆区2026年创建义务教育优质均衡发展县',
      due: '2026-12-31',
      year: 2026,
    });
    expect(certificationMilestone(plan, '640121')?.year).toBe(2025);
    expect(certificationMilestone(plan, '640181')?.year).toBe(2023);
    // The city itself has no milestone of its own.
    expect(certificationMilestone(plan, '640100')).toBeNull();
  });
});
