// Word lists the forms offer; the backend stores whatever the clerk picks or types.

import type { UnitCategory, UnitStatus } from '../api'

export const UNIT_CATEGORIES: UnitCategory[] = ['党委部门', '政府部门', '乡镇(街道)', '事业单位', '国有企业', '群团组织', '其他']
export const UNIT_STATUSES: UnitStatus[] = ['正常', '已合并', '已撤销']
export const RANKS = ['正处', '副处', '正科', '副科', '一级调研员', '二级调研员', '一级主任科员', '二级主任科员', '三级主任科员', '四级主任科员', '科员']
export const EDUCATIONS = ['研究生', '大学本科', '大学专科', '中专', '高中', '初中及以下', '中央党校研究生', '省委党校研究生', '中央党校大学', '省委党校大学']
export const ETHNICITIES = ['汉族', '壮族', '回族', '满族', '维吾尔族', '苗族', '彝族', '土家族', '藏族', '蒙古族', '侗族', '布依族', '瑶族', '白族', '朝鲜族', '哈尼族', '黎族', '哈萨克族', '傣族', '畲族']

export const AUDIT_ACTIONS: Record<string, string> = {
  create: '新增',
  update: '修改',
  void: '作废',
  restore: '恢复',
  held: '登记谈话情况',
  state: '状态变化',
  close: '销号',
  sign: '签发',
  deliver: '登记送达',
  reply: '登记回复',
  follow_up: '起草催办函',
  // ---- 廉政档案: looking at and printing a person's file are logged on the person
  view_file: '查阅廉政档案',
  print_file: '打印廉政档案',
  // ---- end 廉政档案
  // ---- Excel in: one entry for a whole import (entity “import”)
  import: 'Excel 导入',
  // ---- end Excel in
}

export const FIELD_LABELS: Record<string, string> = {
  name: '姓名/名称',
  short_name: '简称',
  category: '类别',
  parent_id: '上级单位',
  supervisor: '责任监督检查室或派驻组',
  status: '状态',
  sort_order: '排序',
  notes: '备注',
  gender: '性别',
  ethnicity: '民族',
  birth_date: '出生日期',
  party_join_date: '入党时间',
  education: '学历',
  id_number: '身份证号',
  phone: '电话',
  title: '职务',
  rank: '职级',
  is_head: '一把手',
  is_leadership: '班子成员',
  portfolio: '分管工作',
  start_date: '起始日期',
  end_date: '结束日期',
  unit_id: '单位',
  person_id: '人员',
  // ---- findings and clues
  source: '来源',
  focus_area: '监督重点',
  found_date: '发现日期',
  description: '问题描述',
  seriousness: '严重程度',
  received_date: '受理日期',
  summary: '反映的主要问题',
  disposal: '处置方式',
  disposal_date: '处置日期',
  result: '处置结果',
  // ---- end findings and clues
}

/** The fields an audit row changed, by their Chinese labels. */
export function changedFields(before: string | null, after: string | null): string[] {
  if (!before || !after) return []
  try {
    const b = JSON.parse(before) as Record<string, unknown>
    const a = JSON.parse(after) as Record<string, unknown>
    return Object.keys(a)
      .filter((k) => k !== 'meta' && k !== 'id' && JSON.stringify(a[k]) !== JSON.stringify(b[k]))
      .map((k) => FIELD_LABELS[k] ?? k)
  } catch {
    return []
  }
}
